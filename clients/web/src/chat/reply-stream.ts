import { WebReplyStreamDocument } from '@miyu/sdk/gql/graphql';
import type { WebApi } from '../api/web-api.ts';

export interface ReplyProgress {
  text: string;
  done: boolean;
  status?: string;
}

/**
 * Follows one reply to its end: text is the deltas since the last `reset`; chunks already seen
 * (a resubscription replays from afterSeq) are skipped; a dropped socket resubscribes with
 * `afterSeq` = the last seen seq (a chunk at seq > afterSeq comes again), so nothing is lost or doubled.
 */
export async function followReply(
  api: WebApi,
  messageId: string,
  onProgress: (progress: ReplyProgress) => void,
  options: { signal: AbortSignal; onReconnecting: (reconnecting: boolean) => void },
): Promise<ReplyProgress> {
  let lastSeq = -1;
  let text = '';
  for (let attempt = 0; ; attempt += 1) {
    // A dropped socket ends this subscription: graphql-ws would repeat it with its first afterSeq,
    // so it is ended here and made again from the last seq seen.
    const dropped = new AbortController();
    const stopWatching = api.onSocketClosed(() => dropped.abort());
    const onAbort = () => dropped.abort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const data of untilAborted(
        api.subscribe(WebReplyStreamDocument, { messageId, afterSeq: lastSeq }),
        dropped.signal,
      )) {
        const chunk = data.replyStream;
        options.onReconnecting(false);
        attempt = 0;
        if (chunk.seq <= lastSeq) continue;
        lastSeq = chunk.seq;
        text = chunk.reset ? chunk.delta : text + chunk.delta;
        if (chunk.done) {
          const final = { text: chunk.message?.content ?? text, done: true, status: chunk.message?.status ?? 'COMPLETE' };
          onProgress(final);
          return final;
        }
        onProgress({ text, done: false });
      }
      if (options.signal.aborted) return { text, done: false };
    } catch (error) {
      if (options.signal.aborted || attempt >= 6) throw error;
    } finally {
      stopWatching();
      options.signal.removeEventListener('abort', onAbort);
    }
    options.onReconnecting(true);
    await new Promise((resolve) => setTimeout(resolve, Math.min(4000, 250 * 2 ** attempt)));
  }
}

/**
 * The stream's items until the signal aborts: an abort ends the loop at once (not at the next
 * chunk, which may never come) and unsubscribes.
 */
async function* untilAborted<T>(source: AsyncGenerator<T>, signal: AbortSignal): AsyncGenerator<T> {
  if (signal.aborted) return;
  const aborted = new Promise<'aborted'>((resolve) => signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
  try {
    for (;;) {
      const next = await Promise.race([source.next(), aborted]);
      if (next === 'aborted' || next.done) return;
      yield next.value;
    }
  } finally {
    void source.return(undefined).catch(() => {});
  }
}
