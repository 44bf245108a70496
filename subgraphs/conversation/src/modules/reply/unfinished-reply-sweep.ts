import type { Logger } from '@miyu/platform/logger';

export interface UnfinishedReplySweepOptions {
  /** Re-enqueues the unfinished replies created in [since, before); job ids dedupe running jobs. */
  recover: (since: Date, before: Date) => Promise<number>;
  intervalMs: number;
  /** Replies younger than this are left to the job that was started for them. */
  minAgeMs: number;
  /** How far back to look (the recovery window). */
  windowMs: number;
  now: () => Date;
  logger: Logger;
}

/**
 * Every few seconds, each process re-enqueues replies still PENDING or STREAMING: a job that ran
 * out of attempts while the database was down (it could not even store FAILED) would otherwise
 * leave its reply unfinished until the next restart. A reply whose job is still queued or running
 * is deduplicated by its job id; the job skips a reply that is already final.
 */
export function startUnfinishedReplySweep(options: UnfinishedReplySweepOptions): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const now = options.now().getTime();
    options
      .recover(new Date(now - options.windowMs), new Date(now - options.minAgeMs))
      .then((count) => {
        if (count > 0) options.logger.debug({ count }, 'unfinished replies re-enqueued');
      })
      .catch((error: unknown) => options.logger.debug({ err: error }, 'unfinished reply sweep failed; next round retries'))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
