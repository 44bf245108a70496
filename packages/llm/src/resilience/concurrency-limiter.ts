/** Gives back a slot; calling it more than once is harmless. */
export type ReleaseSlot = () => void;

export interface ConcurrencyLimiter {
  /** Calls holding a slot right now. */
  readonly active: number;
  /** Callers waiting for a slot. */
  readonly pending: number;
  /** Waits for a slot; rejects with `signal.reason` if the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot>;
  /** Runs `fn` while holding a slot. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

interface Waiter {
  grant: () => void;
}

/** A FIFO semaphore: at most `max` callers hold a slot, the rest wait in arrival order. */
export function createConcurrencyLimiter(max: number): ConcurrencyLimiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  let active = 0;
  const queue: Waiter[] = [];

  function releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      // Hand the slot straight to the next waiter so a newcomer cannot overtake it.
      if (next) next.grant();
      else active -= 1;
    };
  }

  function acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (active < max) {
      active += 1;
      return Promise.resolve(releaser());
    }
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const onAbort = () => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(releaser());
        },
      };
      queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    get active() {
      return active;
    },
    get pending() {
      return queue.length;
    },
    acquire,
    async run(fn, signal) {
      const release = await acquire(signal);
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}
