/** A push-fed async iterator with a bounded buffer (the oldest values are dropped beyond it). */
export interface PushIterator<T> extends AsyncIterableIterator<T> {
  push(value: T): void;
  /** Ends the iteration: pending and later `next()` calls resolve `done`. */
  end(): void;
}

export interface PushIteratorOptions {
  /** Buffered values kept for a slow reader; older ones are dropped beyond it. */
  capacity: number;
  /** Called with the running total each time a value is dropped. */
  onDrop?: (droppedTotal: number) => void;
  /** Called once when the iteration ends (return(), end() or the signal). */
  onEnd?: () => void;
  signal?: AbortSignal;
}

/**
 * Hand-written rather than an async generator so that `return()` resolves a pending `next()` at
 * once: a generator would queue the `return()` behind the `next()` that is waiting for data.
 */
export function createPushIterator<T>(options: PushIteratorOptions): PushIterator<T> {
  const buffer: T[] = [];
  let pending: ((result: IteratorResult<T>) => void) | undefined;
  let ended = false;
  let dropped = 0;
  const onAbort = () => iterator.end();

  const iterator: PushIterator<T> = {
    push(value) {
      if (ended) return;
      if (pending) {
        const resolve = pending;
        pending = undefined;
        resolve({ value, done: false });
        return;
      }
      buffer.push(value);
      if (buffer.length > options.capacity) {
        buffer.shift();
        dropped += 1;
        options.onDrop?.(dropped);
      }
    },
    end() {
      if (ended) return;
      ended = true;
      buffer.length = 0;
      options.signal?.removeEventListener('abort', onAbort);
      pending?.({ value: undefined, done: true });
      pending = undefined;
      options.onEnd?.();
    },
    next() {
      if (buffer.length > 0) return Promise.resolve({ value: buffer.shift() as T, done: false });
      if (ended) return Promise.resolve({ value: undefined, done: true });
      // A second concurrent next() replaces the first waiter; for-await never does that.
      pending?.({ value: undefined, done: true });
      return new Promise((resolve) => {
        pending = resolve;
      });
    },
    return() {
      iterator.end();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error) {
      iterator.end();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };

  if (options.signal?.aborted) iterator.end();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  return iterator;
}

/**
 * Runs a generator under an abort signal that also fires on `return()`/`throw()`, so a generator
 * parked on an `await` (a blocking read) is woken and can finish instead of holding the caller's
 * `return()` until the next value arrives.
 */
export function abortableGenerator<T>(
  make: (signal: AbortSignal) => AsyncGenerator<T, void, undefined>,
  outer?: AbortSignal,
): AsyncIterableIterator<T> {
  const controller = new AbortController();
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  const generator = make(signal);
  const iterator: AsyncIterableIterator<T> = {
    next: () => generator.next(),
    return: async () => {
      controller.abort();
      return generator.return(undefined);
    },
    throw: async (error) => {
      controller.abort();
      return generator.throw(error);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** Resolves after `ms`, or early (without throwing) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
