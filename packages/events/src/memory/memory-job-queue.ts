import type { Logger } from '@miyu/platform/logger';
import type { JobQueue } from '../event-types.ts';

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 500;

interface Job {
  id: string;
  raw: string;
  attempts: number;
  backoffMs: number;
  attempt: number;
}

/**
 * An in-process queue with the BullMQ semantics the services rely on: dedup by jobId while a job
 * is waiting, delayed or running; retries with exponential backoff; completed jobs forgotten.
 * Jobs do not survive a restart (embedded mode accepts that; distributed mode uses BullMQ).
 */
export function createMemoryJobQueue<T extends Record<string, unknown>>(name: string, logger: Logger): JobQueue<T> {
  const ids = new Set<string>();
  const waiting: Job[] = [];
  const delayed = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let handler: ((data: T, attempt: number) => Promise<void>) | undefined;
  let concurrency = 1;
  let closed = false;

  function pump() {
    while (handler && !closed && running.size < concurrency && waiting.length > 0) {
      const job = waiting.shift() as Job;
      const run = execute(job, handler).finally(() => {
        running.delete(run);
        pump();
      });
      running.add(run);
    }
  }

  async function execute(job: Job, process: (data: T, attempt: number) => Promise<void>) {
    job.attempt += 1;
    try {
      await process(JSON.parse(job.raw) as T, job.attempt);
      ids.delete(job.id);
    } catch (error) {
      if (job.attempt < job.attempts && !closed) {
        const delay = job.backoffMs * 2 ** (job.attempt - 1);
        logger.warn({ err: error, queue: name, jobId: job.id, attempt: job.attempt, retryInMs: delay }, 'job failed; will retry');
        const timer = setTimeout(() => {
          delayed.delete(timer);
          waiting.push(job);
          pump();
        }, delay);
        delayed.add(timer);
      } else {
        logger.error({ err: error, queue: name, jobId: job.id, attempt: job.attempt }, 'job failed; giving up');
        ids.delete(job.id);
      }
    }
  }

  return {
    async add(data, options) {
      if (closed) throw new Error(`job queue ${name} is closed`);
      if (ids.has(options.jobId)) return;
      ids.add(options.jobId);
      waiting.push({
        id: options.jobId,
        raw: JSON.stringify(data),
        attempts: Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS),
        backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
        attempt: 0,
      });
      pump();
    },

    async process(process, options) {
      if (handler) throw new Error(`job queue ${name} already has a processor`);
      handler = process;
      concurrency = Math.max(1, options?.concurrency ?? 1);
      pump();
    },

    async depth() {
      return waiting.length + running.size + delayed.size;
    },

    async ready() {
      return !closed;
    },

    async close() {
      closed = true;
      for (const timer of delayed) clearTimeout(timer);
      delayed.clear();
      // Like BullMQ's worker.close(): let running jobs finish.
      await Promise.allSettled([...running]);
    },
  };
}
