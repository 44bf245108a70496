import { errors } from './errors.ts';

export interface AdmissionQueueOptions {
  /** Work items running at once. */
  maxConcurrent: number;
  /** Items waiting for a slot; one more is refused at once. */
  maxQueued: number;
  /**
   * Longest an item waits for a slot before it is refused. Keep it well under the caller's own
   * timeout (the router's SUBGRAPH_TIMEOUT_MS), so an item is either refused before it starts or
   * runs with time to finish: never cut off by the caller after it did its work.
   */
  maxWaitMs: number;
  /** Retry-After told to a refused caller. */
  retryAfterSeconds?: number;
  /** Called for each refusal (metrics, logs). */
  onShed?: (why: 'queue-full' | 'waited-too-long') => void;
}

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
}

/**
 * A concurrency cap with a short, bounded queue in front of it: under a burst each item either
 * runs promptly or is refused with a retryable SERVICE_UNAVAILABLE (`errors.overloaded`) BEFORE
 * any of its work starts, so a refusal never hides work that was done. FIFO.
 */
export function createAdmissionQueue(options: AdmissionQueueOptions) {
  const retryAfter = options.retryAfterSeconds ?? 1;
  const waiting: Waiter[] = [];
  let running = 0;
  let shed = 0;

  function refuse(why: 'queue-full' | 'waited-too-long'): never {
    shed += 1;
    options.onShed?.(why);
    throw errors.overloaded(retryAfter);
  }

  function release() {
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.admit();
    } else running -= 1;
  }

  async function acquire(): Promise<void> {
    if (running < options.maxConcurrent) {
      running += 1;
      return;
    }
    if (waiting.length >= options.maxQueued) refuse('queue-full');
    const admitted = await new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        // the slot passes from the releasing item to this one: `running` stays as it is
        admit: () => resolve(true),
        timer: setTimeout(() => {
          const index = waiting.indexOf(waiter);
          if (index >= 0) waiting.splice(index, 1);
          resolve(false);
        }, options.maxWaitMs),
      };
      waiting.push(waiter);
    });
    if (!admitted) refuse('waited-too-long');
  }

  return {
    /** Runs `work` once a slot is free; throws `errors.overloaded` without calling it when refused. */
    async run<T>(work: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get queued() {
      return waiting.length;
    },
    /** Items refused since start. */
    get shed() {
      return shed;
    },
  };
}

export type AdmissionQueue = ReturnType<typeof createAdmissionQueue>;
