import { LockMode } from '@mikro-orm/core';
import type { Orm } from '@miyu/db/create-orm';
import { sleep } from '@miyu/events/async-iterators';
import type { ReplyStreamStore } from '@miyu/events/event-types';
import type { ReplyFence } from '@miyu/events/reply-fence';
import { MessageEntity } from '../message/message.entity.ts';
import { isFinal } from './reply-store.ts';

export interface ReplyClaimOptions {
  leaseMs: number;
  /** How long to wait for another producer's lease (a dead one's runs out) before leaving the reply to it. */
  waitMs: number;
  /** Longest sleep between two tries while another producer holds the lease. */
  pollMs: number;
  signal: AbortSignal;
}

/** The stream is the caller's from `startSeq`; `fence` goes with every append. */
export interface ClaimedReply {
  fence: ReplyFence;
  startSeq: number;
}

/**
 * Takes a reply over for writing, with its row locked: the claim and the STREAMING mark are
 * serialised with storeCompletedReply/storeFailedReply (which lock the row and check the fence),
 * so a reply stored by a producer that was only slow is never claimed again, and a producer
 * fenced out can no longer store. Waits while a live producer's lease runs (BullMQ may hand a
 * job to a second worker when the first one's lock renewal was late); null when the reply is final
 * or another producer kept writing it for all of `waitMs`.
 */
export async function claimReply(
  orm: Orm,
  streams: ReplyStreamStore,
  replyId: string,
  options: ReplyClaimOptions,
): Promise<ClaimedReply | null> {
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const outcome = await orm.em.fork().transactional(async (tx) => {
      const reply = await tx.findOne(MessageEntity, { id: replyId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!reply || isFinal(reply)) return null;
      const claim = await streams.claim(replyId, options.leaseMs);
      if (claim.claimed && reply.status === 'PENDING') reply.status = 'STREAMING';
      return claim;
    });
    if (!outcome) return null;
    if (outcome.claimed) return { fence: { epoch: outcome.epoch, leaseMs: options.leaseMs }, startSeq: outcome.lastSeq + 1 };
    // A live producer still writes it (BullMQ handed its job over after a late lock renewal): this
    // run leaves the reply to it instead of holding a worker slot; should that producer die later,
    // the unfinished-reply sweep enqueues the reply again and its next run claims it.
    if (Date.now() >= deadline) return null;
    if (options.signal.aborted) throw options.signal.reason;
    await sleep(Math.min(outcome.busyMs + 10, options.pollMs, Math.max(0, deadline - Date.now())), options.signal);
  }
}

/**
 * Keeps the lease while the reply is written (appends renew it too, but the model can be quiet
 * for longer than a lease). `lost` aborts once another producer has claimed the reply.
 */
export function holdReplyLease(streams: ReplyStreamStore, replyId: string, fence: ReplyFence) {
  const lost = new AbortController();
  const timer = setInterval(
    () => {
      streams.renew(replyId, fence).then(
        (held) => {
          if (!held) lost.abort();
        },
        // Redis unreachable: the appends fail too and the job retries; nothing to do here.
        () => {},
      );
    },
    Math.max(100, Math.round(fence.leaseMs / 3)),
  );
  timer.unref();
  return {
    signal: lost.signal,
    async stop() {
      clearInterval(timer);
      await streams.release(replyId, fence).catch(() => {});
    },
  };
}
