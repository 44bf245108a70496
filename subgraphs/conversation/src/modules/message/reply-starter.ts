/**
 * What the message module needs from the reply pipeline (modules/reply/reply-pipeline.ts
 * implements it). Declared here so `message/` imports nothing from `reply/`.
 */
export interface ReplyStarter {
  /** Starts the reply's context query while the message is still being written. */
  prepare(userId: string, text: string, conversationId: string): PreparedReply;
  /**
   * After the commit that left this reply PENDING: starts its job at once. The outbox relay's
   * publish of `message.created` starts it too, as the durable path; the job id dedupes the two.
   */
  start(reply: { id: string; userId: string }, prepared?: PreparedReply): void;
}

/** A reply whose context is being gathered; handed back to `start` once the reply is stored. */
export interface PreparedReply {
  keep(replyId: string): void;
}
