import type { Logger } from '@miyu/platform/logger';
import { Queue, Worker } from 'bullmq';
import type { JobQueue } from '../event-types.ts';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS } from '../memory/memory-job-queue.ts';

export interface RedisJobQueueOptions {
  url: string;
  name: string;
  /** BullMQ key prefix, e.g. `miyu:jobs` (keys become `miyu:jobs:<name>:…`). */
  prefix: string;
  logger: Logger;
  /** Readiness of Redis (shared with the other adapters). */
  ping: () => Promise<boolean>;
}

/**
 * BullMQ in Redis: jobs survive a crash of the process (a stalled job goes back to waiting).
 * Finished jobs, successful or not, are removed so that the same jobId can be added again
 * later; dedup applies while a job is waiting, delayed or running, as the interface says.
 */
export function createRedisJobQueue<T extends Record<string, unknown>>(options: RedisJobQueueOptions): JobQueue<T> {
  const { url, name, prefix, logger } = options;
  // BullMQ opens (and names) its own connections: the worker needs a blocking one.
  const queue = new Queue(name, { connection: { url }, prefix });
  queue.on('error', (error: Error) => logger.warn({ err: error, queue: name }, 'job queue error'));
  let worker: Worker | undefined;

  return {
    async add(data, jobOptions) {
      const attempts = Math.max(1, jobOptions.attempts ?? DEFAULT_ATTEMPTS);
      await queue.add(name, data, {
        jobId: toBullJobId(jobOptions.jobId),
        attempts,
        backoff: { type: 'exponential', delay: jobOptions.backoffMs ?? DEFAULT_BACKOFF_MS },
        removeOnComplete: true,
        removeOnFail: true,
      });
    },

    async process(handler, processOptions) {
      if (worker) throw new Error(`job queue ${name} already has a processor`);
      const created = new Worker<T>(
        name,
        // attemptsMade counts the failed tries before this one.
        (job) => handler(job.data, job.attemptsMade + 1),
        {
          connection: { url },
          prefix,
          concurrency: Math.max(1, processOptions?.concurrency ?? 1),
          ...(processOptions?.lockMs ? stalledJobCheck(processOptions.lockMs) : {}),
        },
      );
      created.on('error', (error: Error) => logger.warn({ err: error, queue: name }, 'job worker error'));
      created.on('failed', (job, error) => {
        const attempt = job?.attemptsMade ?? 0;
        const final = attempt >= (job?.opts.attempts ?? 1);
        const fields = { err: error, queue: name, jobId: job?.id, attempt };
        if (final) logger.error(fields, 'job failed; giving up');
        else logger.warn(fields, 'job failed; will retry');
      });
      worker = created;
      await created.waitUntilReady();
    },

    async depth() {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).reduce((sum, count) => sum + count, 0);
    },

    ready: options.ping,

    async close() {
      // The worker first: it lets running jobs finish before its connections go. After a lost
      // connection BullMQ's graceful close can wait on a reconnecting blocking client, so it is
      // bounded; a job cut short is retried from Redis by the next worker (stalled-job check).
      const graceful = (async () => {
        await worker?.close();
        await queue.close();
      })();
      const closed = await Promise.race([graceful.then(() => true), sleep(CLOSE_GRACE_MS).then(() => false)]);
      if (closed) return;
      logger.warn({ queue: name }, 'job queue did not close in time; disconnecting');
      void graceful.catch(() => {});
      await Promise.race([Promise.allSettled([worker?.disconnect(), queue.disconnect()]), sleep(1_000)]);
    },
  };
}

/**
 * A short lock: the stalled-job check runs at half the lock's length, so a dead worker's job goes
 * back to waiting within ~1.5 lock lengths. A live job stalled by a slow event loop may be taken
 * too: it may stall a few times before BullMQ gives up on it.
 */
export function stalledJobCheck(lockMs: number) {
  return { lockDuration: lockMs, stalledInterval: Math.max(500, Math.round(lockMs / 2)), maxStalledCount: 3 };
}

const CLOSE_GRACE_MS = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** BullMQ rejects custom ids that contain `:` or look like integers; keep ids opaque to it. */
export function toBullJobId(jobId: string): string {
  return `j-${jobId.replaceAll('%', '%25').replaceAll(':', '%3A')}`;
}
