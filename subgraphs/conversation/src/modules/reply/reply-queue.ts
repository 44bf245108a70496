/** The durable queue that turns a `message.created` event into a generated reply. */
export const REPLY_QUEUE = 'reply-generation';
export const REPLY_JOB_ATTEMPTS = 3;
export const REPLY_JOB_BACKOFF_MS = 500;

export interface ReplyJobData extends Record<string, unknown> {
  /** The PENDING assistant message to fill; also the job id (one job per reply). */
  replyId: string;
  userId: string;
}
