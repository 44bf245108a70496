/** The durable queue that turns a `message.created` event into a generated reply. */
export const REPLY_QUEUE = 'reply-generation';
export const REPLY_JOB_ATTEMPTS = 3;
export const REPLY_JOB_BACKOFF_MS = 500;
/**
 * A reply job's lock: when the replica writing a reply dies, another takes the job over (and its
 * subscribers get a `reset`) within about 15 s instead of BullMQ's default ~60 s (issue #15). 4 s
 * gave 5 s when idle, but under `npm run faults`' burst live jobs lost their lock (1,388 failed
 * renewals on 2 cores) and a second replica wrote the same reply: duplicated chunks.
 */
export const REPLY_JOB_LOCK_MS = 10_000;
/** How often each process looks for replies left unfinished (a job given up while the database was down). */
export const REPLY_SWEEP_INTERVAL_MS = 5_000;

export interface ReplyJobData extends Record<string, unknown> {
  /** The PENDING assistant message to fill; also the job id (one job per reply). */
  replyId: string;
  userId: string;
}
