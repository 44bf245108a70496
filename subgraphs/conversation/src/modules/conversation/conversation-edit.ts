import type { EntityManager } from '@mikro-orm/core';
import { validate } from '@miyu/graphql/validate';
import { errors } from '@miyu/platform/errors';
import { z } from 'zod';
import { isUuid } from '@miyu/graphql/ids';
import { MessageEntity } from '../message/message.entity.ts';
import { type Conversation, ConversationEntity } from './conversation.entity.ts';
import { conversationTitle } from './conversation.service.ts';

const renameInput = z.object({
  id: z.string(),
  title: conversationTitle,
});

/** Renames one of the caller's conversations; a foreign or missing id is NOT_FOUND. */
export async function renameConversation(em: EntityManager, userId: string, input: unknown): Promise<Conversation> {
  const { id, title } = validate(renameInput, input);
  const conversation = isUuid(id) ? await em.findOne(ConversationEntity, { id, userId }) : null;
  if (!conversation) throw errors.notFound('Conversation');
  conversation.title = title;
  await em.flush();
  return conversation;
}

/**
 * Deletes one of the caller's conversations with its messages, in one transaction. A reply still
 * being written finds its row gone and stops storing (the job skips missing replies).
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
