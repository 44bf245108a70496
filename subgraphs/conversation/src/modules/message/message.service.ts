import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode } from '@mikro-orm/core';
import { errors } from '@miyu/platform/errors';
import { type ConversationRow, ConversationEntity } from '../conversation/conversation.entity.ts';
import { type MessageRow, MessageEntity, type MessageRole, type MessageStatus } from './message.entity.ts';

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
  /** A pre-generated id (sendMessage links the reply to its question before either is written). */
  id?: string;
}

/**
 * Appends a message to a conversation and bumps its last activity. Content is not validated
 * here: callers (sendMessage, the reply pipeline) validate at their own edge. Inside an outer
 * `em.transactional` this joins that transaction.
 */
export async function appendMessage(em: EntityManager, input: AppendMessageInput): Promise<MessageRow> {
  const { messages } = await em.transactional((tx) => appendMessages(tx, input, [input]));
  return messages[0] as MessageRow;
}

/**
 * Appends several messages to one conversation, in order, inside the caller's transaction: the
 * conversation row is locked once (concurrent appends serialise), the rows are inserted by one
 * flush, and the conversation's last activity is updated once.
 *
 * createdAt is strictly increasing within a conversation (at least 1 ms after the previous
 * message), so a user message and its PENDING reply written in the same millisecond still sort
 * in the order they were appended.
 */
export async function appendMessages(
  tx: EntityManager,
  owner: { conversationId: string; userId: string },
  inputs: readonly Omit<AppendMessageInput, 'conversationId' | 'userId'>[],
): Promise<{ conversation: ConversationRow; messages: MessageRow[] }> {
  const conversation = await tx.findOne(
    ConversationEntity,
    { id: owner.conversationId, userId: owner.userId },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!conversation) throw errors.notFound('Conversation');
  let last = conversation.lastMessageAt.getTime();
  const messages = inputs.map((input) => {
    const createdAt = new Date(Math.max(Date.now(), last + 1));
    last = createdAt.getTime();
    return tx.create(MessageEntity, {
      id: input.id ?? randomUUID(),
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
  });
  conversation.lastMessageAt = new Date(last);
  return { conversation, messages };
}
