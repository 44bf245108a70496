import { abortableGenerator } from '../async-iterators.ts';
import type { ReplyChunkRecord, ReplyStreamStore } from '../event-types.ts';
import { type ReplyFence, ReplyFencedError } from '../reply-fence.ts';

export interface MemoryReplyStreamsOptions {
  /** How long a finished stream stays replayable (default 10 minutes). */
  finishedTtlMs?: number;
  /** How long an unfinished stream without appends is kept (default 24 hours). */
  openTtlMs?: number;
  /** Streams kept at most; the oldest without followers go first (default 10,000). */
  maxStreams?: number;
}

interface Entry {
  /** Monotonic per stream, survives `reset`, like a Redis stream id. */
  id: number;
  chunk: ReplyChunkRecord;
}

interface Stream {
  entries: Entry[];
  nextId: number;
  /** It has its done chunk: later appends are dropped. */
  finished: boolean;
  /** Sealed: later chunks other than a done chunk are dropped. */
  sealed: boolean;
  followers: number;
  expiresAt: number;
  wakers: Set<() => void>;
  /** The writer's epoch (bumped by each claim) and when its lease ends (ms since the epoch). */
  epoch: number;
  leaseUntil: number;
}

/** Replayable per-reply chunk lists, expired lazily (no timers, so nothing keeps the process up). */
export function createMemoryReplyStreams(options: MemoryReplyStreamsOptions = {}): ReplyStreamStore {
  const finishedTtlMs = options.finishedTtlMs ?? 10 * 60_000;
  const openTtlMs = options.openTtlMs ?? 24 * 60 * 60_000;
  const maxStreams = options.maxStreams ?? 10_000;
  const streams = new Map<string, Stream>();
  const stopAll = new AbortController();
  let lastSweep = Date.now();

  function sweep() {
    const now = Date.now();
    if (now - lastSweep < 10_000 && streams.size <= maxStreams) return;
    lastSweep = now;
    for (const [id, stream] of streams) {
      if (stream.followers === 0 && stream.expiresAt <= now) streams.delete(id);
    }
    for (const [id, stream] of streams) {
      if (streams.size <= maxStreams) break;
      if (stream.followers === 0) streams.delete(id);
    }
  }

  function streamFor(messageId: string): Stream {
    let stream = streams.get(messageId);
    if (!stream) {
      sweep();
      stream = {
        entries: [],
        nextId: 1,
        finished: false,
        sealed: false,
        followers: 0,
        expiresAt: Date.now() + openTtlMs,
        wakers: new Set(),
        epoch: 0,
        leaseUntil: 0,
      };
      streams.set(messageId, stream);
    }
    return stream;
  }

  async function* follow(messageId: string, afterSeq: number, signal: AbortSignal): AsyncGenerator<ReplyChunkRecord> {
    const stream = streamFor(messageId);
    stream.followers += 1;
    try {
      let lastId = 0;
      while (!signal.aborted) {
        const fresh = stream.entries.filter((entry) => entry.id > lastId);
        for (const entry of fresh) {
          lastId = entry.id;
          if (entry.chunk.seq > afterSeq) yield { ...entry.chunk };
          // A done chunk ends the stream even when the caller has already seen it.
          if (entry.chunk.done) return;
        }
        if (fresh.length === 0) await nextAppend(stream, signal);
      }
    } finally {
      stream.followers -= 1;
    }
  }

  function push(stream: Stream, chunk: ReplyChunkRecord) {
    if (stream.finished || (stream.sealed && !chunk.done)) return;
    stream.finished = chunk.done;
    stream.entries.push({ id: stream.nextId++, chunk: { ...chunk } });
    stream.expiresAt = Date.now() + (chunk.done ? finishedTtlMs : openTtlMs);
    for (const wake of [...stream.wakers]) wake();
  }

  return {
    async append(chunk, fence) {
      if (stopAll.signal.aborted) throw new Error('reply streams are closed');
      const stream = streamFor(chunk.messageId);
      if (fence) {
        if (fence.epoch !== stream.epoch) throw new ReplyFencedError(chunk.messageId);
        stream.leaseUntil = Date.now() + fence.leaseMs;
      }
      push(stream, chunk);
    },

    async claim(messageId, leaseMs) {
      if (stopAll.signal.aborted) throw new Error('reply streams are closed');
      const stream = streamFor(messageId);
      const now = Date.now();
      if (stream.leaseUntil > now) return { claimed: false, busyMs: stream.leaseUntil - now };
      stream.epoch += 1;
      stream.leaseUntil = now + leaseMs;
      return { claimed: true, epoch: stream.epoch, lastSeq: stream.entries.at(-1)?.chunk.seq ?? -1 };
    },

    async renew(messageId, fence: ReplyFence) {
      const stream = streams.get(messageId);
      if (!stream || stream.epoch !== fence.epoch) return false;
      stream.leaseUntil = Date.now() + fence.leaseMs;
      return true;
    },

    async release(messageId, fence: ReplyFence) {
      const stream = streams.get(messageId);
      if (stream && stream.epoch === fence.epoch) stream.leaseUntil = 0;
    },

    async seal(messageId) {
      if (stopAll.signal.aborted) throw new Error('reply streams are closed');
      const stream = streamFor(messageId);
      stream.sealed = true;
      const before: ReplyChunkRecord[] = [];
      for (const { chunk } of stream.entries) {
        if (chunk.done) break;
        before.push({ ...chunk });
      }
      return before;
    },

    follow(messageId, afterSeq, signal) {
      const outer = signal ? AbortSignal.any([signal, stopAll.signal]) : stopAll.signal;
      return abortableGenerator((inner) => follow(messageId, afterSeq, inner), outer);
    },

    async reset(messageId) {
      const stream = streams.get(messageId);
      if (!stream) return;
      stream.entries = [];
      stream.finished = false;
      stream.sealed = false;
      // the writer's epoch outlives a reset, as the Redis epoch key does
      if (stream.followers === 0 && stream.epoch === 0) streams.delete(messageId);
    },

    async close() {
      stopAll.abort();
      streams.clear();
    },
  };
}

function nextAppend(stream: Stream, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.wakers.delete(done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    stream.wakers.add(done);
    signal.addEventListener('abort', done, { once: true });
  });
}
