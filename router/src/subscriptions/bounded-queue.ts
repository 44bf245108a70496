/** Raised when a consumer falls too far behind its producer. */
export class QueueOverflowError extends Error {
  constructor(limit: number) {
    super(`More than ${limit} events were waiting for a slow client; the subscription was ended.`);
    this.name = 'QueueOverflowError';
  }
}

interface Waiter<T> {
  resolve: (result: IteratorResult<T>) => void;
  reject: (error: unknown) => void;
}

/**
 * A push-to-pull bridge with a hard bound. Dropping an event silently would corrupt a stream
 * (a reply missing a chunk), so overflow ends the subscription with an error instead; the client
 * can resume (e.g. `replyStream(afterSeq:)`).
 */
export function createBoundedQueue<T>(limit: number, onReturn?: () => void) {
  const items: T[] = [];
  const waiters: Waiter<T>[] = [];
  let failure: { error: unknown } | null = null;
  let ended = false;

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (items.length > 0) return Promise.resolve({ value: items.shift() as T, done: false });
      if (failure) {
        const { error } = failure;
        failure = null;
        ended = true;
        return Promise.reject(error);
      }
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    return() {
      finish();
      onReturn?.();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };

  function finish(): void {
    ended = true;
    items.length = 0;
    for (const waiter of waiters.splice(0)) waiter.resolve({ value: undefined, done: true });
  }

  return {
    iterator,
    push(item: T): void {
      if (ended || failure) return;
      const waiter = waiters.shift();
      if (waiter) waiter.resolve({ value: item, done: false });
      else if (items.length >= limit) this.fail(new QueueOverflowError(limit));
      else items.push(item);
    },
    /** Ends the stream with an error, delivered after the items already queued. */
    fail(error: unknown): void {
      if (ended || failure) return;
      const waiter = waiters.shift();
      if (waiter) {
        ended = true;
        waiter.reject(error);
        return;
      }
      failure = { error };
    },
    /** Ends the stream after the items already queued. */
    end(): void {
      // waiters only exist while nothing is queued; queued items are still delivered first
      ended = true;
      for (const waiter of waiters.splice(0)) waiter.resolve({ value: undefined, done: true });
    },
    get size(): number {
      return items.length;
    },
  };
}
