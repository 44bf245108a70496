import { type EntityManager, LockMode } from '@mikro-orm/core';
import { errors } from '@miyu/platform/errors';
import { isUuid } from '@miyu/graphql/ids';
import { type MessageRow, MessageEntity } from './message.entity.ts';
import { appendMessages } from './message.service.ts';

/**
 * Replaces the last reply of a conversation (complete or failed) with a new PENDING one that
 * answers the same message: "regenerate" and "retry a failed reply" are the same operation. Only
 * the newest message can be replaced, and not while it is being written. The old row goes, so
 * the prompt of the new reply never sees the answer it replaces.
 */
export async function regenerateReply(em: EntityManager, userId: string, replyId: string): Promise<MessageRow> {
  if (!isUuid(replyId)) throw errors.notFound('Message');
  return em.fork().transactional(async (tx) => {
    const old = await tx.findOne(
      MessageEntity,
      { id: replyId, userId, role: 'ASSISTANT' },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!old?.replyToId) throw errors.notFound('Message');
    if (old.status === 'PENDING' || old.status === 'STREAMING') throw errors.conflict('The reply is still being written.');
    const newest = await tx.findOne(
      MessageEntity,
      { conversationId: old.conversationId, userId },
      { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], fields: ['id'] },
    );
    if (newest?.id !== old.id) throw errors.conflict('Only the last reply of a conversation can be regenerated.');
    tx.remove(old);
    const {
      messages: [reply],
    } = await appendMessages(tx, { conversationId: old.conversationId, userId }, [
      { role: 'ASSISTANT', content: '', status: 'PENDING', replyToId: old.replyToId },
    ]);
    if (!reply) throw new Error('appendMessages returned no message');
    return reply;
  });
}
