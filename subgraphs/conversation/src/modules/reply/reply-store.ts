import { type EntityManager, LockMode } from '@mikro-orm/core';
import type { Orm } from '@miyu/db/create-orm';
import { ReplyFencedError } from '@miyu/events/reply-fence';
import type { GeneratedReply } from '@miyu/llm/generate-reply';
import { type MessageRow, MessageEntity } from '../message/message.entity.ts';
import { stageOutboxEvent } from '../outbox/outbox.service.ts';

const isFinal = (message: MessageRow) => message.status === 'COMPLETE' || message.status === 'FAILED';

/**
 * Marks a locked reply row COMPLETE with its text and stages its `reply.completed` event in the
 * same transaction: the one way a reply completes, whether its job finished or the person stopped it.
 */
export function completeReply(
  tx: EntityManager,
  reply: MessageRow,
  result: { text: string; model?: string | null | undefined; fellBack: boolean; contextComplete?: boolean | undefined },
  formatted: string[],
  at: Date,
): void {
  Object.assign(reply, {
    content: result.text,
    status: 'COMPLETE',
    model: result.model,
    formatted,
    contextComplete: result.contextComplete ?? null,
  });
  stageOutboxEvent(
    tx,
    'reply.completed',
    {
      userId: reply.userId,
      conversationId: reply.conversationId,
      messageId: reply.id,
      replyToId: reply.replyToId,
      content: result.text,
      model: result.model,
      fellBack: result.fellBack,
    },
    at,
  );
}

/**
 * Stores the finished reply and its `reply.completed` event in one transaction. The row is
 * locked and re-checked, so two runs of the same job can never both store a reply.
 * Returns false when the reply was already final.
 */
export async function storeCompletedReply(
  orm: Orm,
  replyId: string,
  result: Pick<GeneratedReply, 'text' | 'model' | 'fellBack'> & { contextComplete?: boolean },
  formatted: string[],
  now: () => Date,
  stillOwner?: StillOwner,
): Promise<boolean> {
  return orm.em.fork().transactional(async (tx) => {
    const reply = await tx.findOne(MessageEntity, { id: replyId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!reply || isFinal(reply)) return false;
    await assertOwner(replyId, stillOwner);
    completeReply(tx, reply, result, formatted, now());
    return true;
  });
}

/** Marks a reply FAILED (with a `reply.failed` event) unless it is already final. */
export async function storeFailedReply(
  orm: Orm,
  replyId: string,
  reason: { code: string; message: string },
  now: () => Date,
  stillOwner?: StillOwner,
) {
  return orm.em.fork().transactional(async (tx) => {
    const reply = await tx.findOne(MessageEntity, { id: replyId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!reply || isFinal(reply)) return false;
    await assertOwner(replyId, stillOwner);
    reply.status = 'FAILED';
    const payload = {
      userId: reply.userId,
      conversationId: reply.conversationId,
      messageId: reply.id,
      replyToId: reply.replyToId,
      error: reason,
    };
    stageOutboxEvent(tx, 'reply.failed', payload, now());
    return true;
  });
}

/**
 * The writer's fence check (the stream store's lease renewal), run with the row locked: a
 * producer another replica took the reply over from throws ReplyFencedError instead of storing.
 */
export type StillOwner = () => Promise<boolean>;

async function assertOwner(replyId: string, stillOwner: StillOwner | undefined) {
  if (stillOwner && !(await stillOwner())) throw new ReplyFencedError(replyId);
}

export { isFinal };
