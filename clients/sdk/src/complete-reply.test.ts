import { describe, expect, it } from 'vitest';
import { completeReply } from './complete-reply.ts';
import { type MiyuClient, MiyuRequestError } from './miyu-client.ts';

interface Chunk {
  seq: number;
  delta: string;
  done: boolean;
  reset: boolean;
  message: { content: string } | null;
}

const chunk = (seq: number, delta: string, done = false): Chunk => ({
  seq,
  delta,
  done,
  reset: false,
  message: done ? { content: 'Hello there, friend.' } : null,
});

/** A client whose n-th subscription yields the n-th script, then fails with its error (a dropped socket). */
function scriptedClient(scripts: { chunks: Chunk[]; fail?: Error }[]) {
  const afterSeqs: number[] = [];
  const client = {
    async *subscribe(_document: unknown, variables: { afterSeq: number }) {
      afterSeqs.push(variables.afterSeq);
      const script = scripts[afterSeqs.length - 1];
      if (!script) throw new Error('no more scripts');
      for (const value of script.chunks) yield { replyStream: { messageId: 'r1', ...value } };
      if (script.fail) throw script.fail;
    },
  } as unknown as MiyuClient;
  return { client, afterSeqs };
}

const dropped = () => Object.assign(new Error('Socket closed'), { code: 1006 });

describe('completeReply', () => {
  it('resubscribes with the last seq after a dropped socket, without losing or repeating text', async () => {
    const { client, afterSeqs } = scriptedClient([
      { chunks: [chunk(0, 'Hello'), chunk(1, ' there')], fail: dropped() },
      { chunks: [chunk(2, ', friend.'), chunk(3, '', true)] },
    ]);
    const seen: string[] = [];
    const content = await completeReply(client, 'r1', { onText: (delta) => seen.push(delta), resumeDelayMs: () => 0 });
    expect(afterSeqs).toEqual([-1, 1]);
    expect(seen.join('')).toBe('Hello there, friend.');
    expect(content).toBe('Hello there, friend.');
  });

  it('skips chunks it already has when the stream replays from the start', async () => {
    const { client } = scriptedClient([
      { chunks: [chunk(0, 'Hello'), chunk(1, ' there'), chunk(0, 'Hello'), chunk(1, ' there'), chunk(2, ', friend.')] },
    ]);
    const seen: string[] = [];
    await completeReply(client, 'r1', { onText: (delta) => seen.push(delta) });
    expect(seen.join('')).toBe('Hello there, friend.');
  });

  it('does not retry an answer of the router, and gives up after maxResumes drops in a row', async () => {
    const refused = scriptedClient([
      { chunks: [], fail: new MiyuRequestError('Sign in to use Subscription.replyStream.', 'UNAUTHENTICATED') },
    ]);
    await expect(completeReply(refused.client, 'r1')).rejects.toThrow(/Sign in/);
    expect(refused.afterSeqs).toEqual([-1]);
    const flaky = scriptedClient(Array.from({ length: 4 }, () => ({ chunks: [], fail: dropped() })));
    await expect(completeReply(flaky.client, 'r1', { maxResumes: 2, resumeDelayMs: () => 0 })).rejects.toThrow(/Socket closed/);
    expect(flaky.afterSeqs).toEqual([-1, -1, -1]);
  });
});
