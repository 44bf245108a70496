import type { ReplyStreamStore } from '@miyu/events/event-types';

/**
 * Follows a running reply's own stream for a done chunk the job did not write (cancelReply's,
 * from any process sharing the stream store) and aborts the returned signal when it comes.
 * `stop()` ends the watch once the job is over.
 */
export function watchForCancel(store: ReplyStreamStore, replyId: string, afterSeq: number) {
  const cancelled = new AbortController();
  const watching = new AbortController();
  let ownDone = false;
  (async () => {
    for await (const chunk of store.follow(replyId, afterSeq, watching.signal)) {
      if (!chunk.done) continue;
      if (!ownDone) cancelled.abort();
      return;
    }
  })().catch(() => {});
  return {
    signal: cancelled.signal,
    /** The job is about to write its own done chunk: it is not a cancel. */
    finishing() {
      ownDone = true;
    },
    stop() {
      watching.abort();
    },
  };
}
