import { ReplyStreamDocument } from './gql/graphql.ts';
import { type MiyuClient, MiyuRequestError } from './miyu-client.ts';

export class ReplyWaitAbortedError extends Error {
  constructor() {
    super('stopped waiting for the reply');
    this.name = 'ReplyWaitAbortedError';
  }
}

export interface CompleteReplyOptions {
  /** Stops waiting (the worker is stopping); the wait then throws ReplyWaitAbortedError. */
  signal?: AbortSignal;
  /** Every chunk as it arrives (`reset`: the text so far is replaced by `delta`). */
  onText?(delta: string, reset: boolean): void;
  /** How often a dropped stream is resumed in a row before the wait fails (default 5). */
  maxResumes?: number;
  /** Pause before the n-th resume in a row (default 250 ms × n). */
  resumeDelayMs?(attempt: number): number;
}

/**
 * Follows a reply over `replyStream` from its first chunk to the stored message and returns its
 * complete content (also for a reply that finished before the call: the stream replays it).
 * A dropped socket does not lose or repeat text: the wait subscribes again with the last `seq` it
 * saw as `afterSeq`, and skips chunks it already has (graphql-ws's own reconnect replays the
 * subscription from the start). An answer of the router (a MiyuRequestError) is not retried.
 */
export async function completeReply(client: MiyuClient, replyId: string, options: CompleteReplyOptions = {}): Promise<string> {
  const maxResumes = options.maxResumes ?? 5;
  const resumeDelayMs = options.resumeDelayMs ?? ((attempt: number) => 250 * attempt);
  const aborted = new Promise<'aborted'>((resolve) => {
    if (options.signal?.aborted) resolve('aborted');
    options.signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  let text = '';
  let lastSeq = -1;
  let resumes = 0;
  for (;;) {
    const stream = client.subscribe(ReplyStreamDocument, { messageId: replyId, afterSeq: lastSeq });
    try {
      for (;;) {
        const next = await Promise.race([stream.next(), aborted]);
        if (next === 'aborted') throw new ReplyWaitAbortedError();
        if (next.done) return text;
        const chunk = next.value.replyStream;
        // already seen (a replay after graphql-ws reconnected); a done chunk may share the last seq
        if (chunk.seq <= lastSeq && !chunk.done) continue;
        lastSeq = Math.max(lastSeq, chunk.seq);
        resumes = 0;
        text = chunk.reset ? chunk.delta : text + chunk.delta;
        options.onText?.(chunk.delta, chunk.reset);
        if (chunk.done) return chunk.message?.content ?? text;
      }
    } catch (error) {
      if (error instanceof ReplyWaitAbortedError || error instanceof MiyuRequestError || resumes >= maxResumes) throw error;
      resumes += 1;
      const wait = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), resumeDelayMs(resumes)));
      if ((await Promise.race([wait, aborted])) === 'aborted') throw new ReplyWaitAbortedError();
    } finally {
      void stream.return(undefined);
    }
  }
}
