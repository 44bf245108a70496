/** The durable queue that turns a `message.created` event into a generated reply. */
export const REPLY_QUEUE = 'reply-generation';
export const REPLY_JOB_ATTEMPTS = 3;
export const REPLY_JOB_BACKOFF_MS = 500;
/**
 * A reply job's BullMQ lock: when the replica writing a reply dies, the stalled-job check (every
 * 1 s) hands the job to another worker within ~2-3 s (issue #15 asks for a takeover within 5 s).
 * A live job whose renewal was late (a busy event loop under a burst) may be handed over too: the
 * second worker then waits on the reply's lease (REPLY_LEASE_MS, renewed by every append) and
 * takes over only when the first stopped writing (else leaves the reply to it); the epoch fence keeps a slow first writer from
 * appending or storing after a takeover, so nothing is duplicated (it was with a bare 4 s lock).
 */
export const REPLY_JOB_LOCK_MS = 2_000;
/** The writer's lease on a reply's stream: a dead producer's reply is claimable this long after its last write. */
export const REPLY_LEASE_MS = 3_000;
/**
 * How long a worker handed a reply waits for the writer's lease to run out before leaving the reply
 * to that (live) writer: past a dead writer's lease, short enough not to hold worker slots under a
 * burst (a 120 s wait held slots when late lock renewals handed live jobs over).
 */
export const REPLY_CLAIM_WAIT_MS = 4_000;
/** How often each process looks for replies left unfinished (a job given up while the database was down). */
export const REPLY_SWEEP_INTERVAL_MS = 5_000;

export interface ReplyJobData extends Record<string, unknown> {
  /** The PENDING assistant message to fill; also the job id (one job per reply). */
  replyId: string;
  userId: string;
}
