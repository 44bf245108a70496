import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/core';
import { errors } from '@miyu/platform/errors';
import { ConversationEntity } from '../conversation/conversation.entity.ts';
import { type Message, MessageEntity, type MessageRole, type MessageStatus } from './message.entity.ts';

export interface AppendMessageInput {
  conversationId: string;
  /** The acting user; a conversation they do not own reads as not found. */
  userId: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  model?: string | null;
  clientMessageId?: string | null;
  replyToId?: string | null;
}

/**
 * Appends a message to a conversation and bumps its last activity. Content is not validated
 * here: callers (sendMessage, the reply pipeline) validate at their own edge.
 *
 * createdAt is strictly increasing within a conversation (at least 1 ms after the previous
 * message), so a user message and its PENDING reply written in the same millisecond still sort
 * in the order they were appended. The conversation row is locked for the duration, so
 * concurrent appends serialise. Inside an outer `em.transactional` this joins that transaction.
 */
export async function appendMessage(em: EntityManager, input: AppendMessageInput): Promise<Message> {
  return em.transactional(async (tx) => {
    const conversation = await tx.findOne(
      ConversationEntity,
      { id: input.conversationId, userId: input.userId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!conversation) throw errors.notFound('Conversation');
    const createdAt = new Date(Math.max(Date.now(), conversation.lastMessageAt.getTime() + 1));
    const message = tx.create(MessageEntity, {
      id: randomUUID(),
      conversationId: conversation.id,
      userId: conversation.userId,
      role: input.role,
      content: input.content,
      status: input.status,
      model: input.model ?? null,
      clientMessageId: input.clientMessageId ?? null,
      replyToId: input.replyToId ?? null,
      createdAt,
    });
    conversation.lastMessageAt = createdAt;
    return message;
  });
}
