import type { EntityManager } from '@mikro-orm/core';
import { isUuid } from '@miyu/graphql/ids';
import { errors } from '@miyu/platform/errors';
import { ConversationEntity } from '../conversation/conversation.entity.ts';
import { MessageEntity } from './message.entity.ts';

/**
 * Deletes one of the caller's conversations with its messages, in one transaction. A reply still
 * being written finds its row gone and stops storing (the job skips missing replies). It lives
 * with the messages: `conversation/` knows nothing of them.
 */
export async function deleteConversation(em: EntityManager, userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) throw errors.notFound('Conversation');
  return em.transactional(async (tx) => {
    const deleted = await tx.nativeDelete(ConversationEntity, { id, userId });
    if (deleted === 0) throw errors.notFound('Conversation');
    await tx.nativeDelete(MessageEntity, { conversationId: id, userId });
    return true;
  });
}
