import type { ReplyChunkRecord } from '@miyu/events/event-types';

export interface ChunkCoalescerOptions {
  messageId: string;
  /** The first seq to use (0 for a fresh reply; after the last one written on a retry). */
  startSeq: number;
  /** Longest time a delta waits; at most one chunk per interval otherwise. */
  intervalMs: number;
  append: (chunk: ReplyChunkRecord) => Promise<void>;
  now?: () => number;
}

/**
 * Turns a token stream into reply chunks: deltas are buffered and flushed at most every
 * `intervalMs` (a subscriber gets ~20 events a second, not one per token). Appends run one at a
 * time in seq order; the first append error is kept and thrown by `flush()`/`finish()`, so the
 * job fails (and retries) instead of storing a reply its subscribers never saw.
 */
export function createChunkCoalescer(options: ChunkCoalescerOptions) {
  const now = options.now ?? Date.now;
  let seq = options.startSeq;
  let buffer = '';
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let tail: Promise<void> = Promise.resolve();
  let failure: unknown;

  function emit(fields: Pick<ReplyChunkRecord, 'delta' | 'done'> & { reset?: boolean }) {
    const chunk: ReplyChunkRecord = { messageId: options.messageId, seq: seq++, ...fields };
    tail = tail
      .then(() => (failure === undefined ? options.append(chunk) : undefined))
      .catch((error: unknown) => {
        failure ??= error;
      });
  }

  function flushBuffer() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    lastFlushAt = now();
    if (buffer.length === 0) return;
    emit({ delta: buffer, done: false });
    buffer = '';
  }

  async function settled(): Promise<void> {
    await tail;
    if (failure !== undefined) throw failure;
  }

  return {
    push(delta: string) {
      if (delta.length === 0) return;
      buffer += delta;
      const wait = lastFlushAt + options.intervalMs - now();
      if (wait <= 0) flushBuffer();
      else timer ??= setTimeout(flushBuffer, wait);
    },
    /** Everything streamed so far must be discarded: the reply starts over after this chunk. */
    reset() {
      flushBuffer();
      emit({ delta: '', done: false, reset: true });
    },
    /** Sends what is buffered and waits until every chunk is written. */
    async flush() {
      flushBuffer();
      await settled();
    },
    /** The last chunk: subscribers stop here. */
    async finish() {
      flushBuffer();
      emit({ delta: '', done: true });
      await settled();
    },
    /** Stops the timer without writing anything (the job gave up). */
    discard() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      buffer = '';
    },
    /** The next seq that would be written. */
    nextSeq: () => seq,
  };
}

export type ChunkCoalescer = ReturnType<typeof createChunkCoalescer>;
