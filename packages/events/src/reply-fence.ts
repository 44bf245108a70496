/**
 * Who may write a reply's stream: the producer holding its latest claim. A claim bumps the
 * stream's epoch and takes a short lease; every fenced append and renewal checks the epoch, so a
 * producer that was only slow (its lease expired and another replica took the reply over) can
 * no longer add a chunk after the takeover.
 */
export interface ReplyFence {
  epoch: number;
  /** How long the lease lasts after each fenced append or renewal. */
  leaseMs: number;
}

/** A claim's answer: the caller owns the stream from `lastSeq + 1`, or another producer's lease runs `busyMs` more. */
export type ReplyClaim = { claimed: true; epoch: number; lastSeq: number } | { claimed: false; busyMs: number };

/** A fenced append after another producer claimed the reply. */
export class ReplyFencedError extends Error {
  constructor(messageId: string) {
    super(`reply ${messageId} was taken over by another producer`);
    this.name = 'ReplyFencedError';
  }
}

export const isReplyFenced = (error: unknown): boolean => error instanceof ReplyFencedError;
