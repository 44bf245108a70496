import { ReplyStreamDocument } from './gql/graphql.ts';
import type { MiyuClient } from './miyu-client.ts';

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
}

/**
 * Follows a reply over `replyStream` from its first chunk to the stored message and returns its
 * complete content (also for a reply that finished before the call: the stream replays it).
 */
export async function completeReply(client: MiyuClient, replyId: string, options: CompleteReplyOptions = {}): Promise<string> {
  const stream = client.subscribe(ReplyStreamDocument, { messageId: replyId, afterSeq: -1 });
  const aborted = new Promise<'aborted'>((resolve) => {
    if (options.signal?.aborted) resolve('aborted');
    options.signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  let text = '';
  try {
    for (;;) {
      const next = await Promise.race([stream.next(), aborted]);
      if (next === 'aborted') throw new ReplyWaitAbortedError();
      if (next.done) return text;
      const chunk = next.value.replyStream;
      text = chunk.reset ? chunk.delta : text + chunk.delta;
      options.onText?.(chunk.delta, chunk.reset);
      if (chunk.done) return chunk.message?.content ?? text;
    }
  } finally {
    void stream.return(undefined);
  }
}
