import type { EntityManager } from '@mikro-orm/core';
import { validate } from '@miyu/graphql/validate';
import { errors } from '@miyu/platform/errors';
import { z } from 'zod';
import { isUuid } from '@miyu/graphql/ids';
import { type ConversationRow, ConversationEntity } from './conversation.entity.ts';
import { conversationTitle } from './conversation.service.ts';

const renameInput = z.object({
  id: z.string(),
  title: conversationTitle,
});

/** Renames one of the caller's conversations; a foreign or missing id is NOT_FOUND. */
export async function renameConversation(em: EntityManager, userId: string, input: unknown): Promise<ConversationRow> {
  const { id, title } = validate(renameInput, input);
  const conversation = isUuid(id) ? await em.findOne(ConversationEntity, { id, userId }) : null;
  if (!conversation) throw errors.notFound('Conversation');
  conversation.title = title;
  await em.flush();
  return conversation;
}
