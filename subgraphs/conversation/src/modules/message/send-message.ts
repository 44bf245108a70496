import { randomUUID } from 'node:crypto';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { validate } from '@miyu/graphql/validate';
import { errors } from '@miyu/platform/errors';
import { z } from 'zod';
import { isUuid } from '@miyu/graphql/ids';
import { stageOutboxEvent } from '../outbox/outbox.service.ts';
import { type MessageRow, MessageEntity } from './message.entity.ts';
import { appendMessages } from './message.service.ts';
import type { PreparedReply, ReplyStarter } from './reply-starter.ts';

export const MAX_MESSAGE_CHARS = 4_000;

const sendInput = z.object({
  conversationId: z.string(),
  content: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`),
  clientMessageId: z.string().max(100, 'must be at most 100 characters').nullish(),
});

export interface SendMessageDeps {
  now: () => Date;
  /** Called after the commit: the outbox relay publishes at once instead of on its next poll. */
  onOutboxWrite: () => void;
  /** The reply pipeline: gathers the reply's context during the write and starts its job after. */
  replies: ReplyStarter;
}

export interface SentMessage {
  message: MessageRow;
  reply: MessageRow;
}

/**
 * Stores the user's message, its PENDING reply and a `message.created` outbox event in one
 * transaction and returns at once; the reply pipeline starts the job right after the commit (and
 * again, durably, when the outbox relay publishes the event). Idempotent on clientMessageId: a
 * repeat (even a concurrent one, caught by the unique constraint) returns the first pair and
 * writes nothing.
 */
export async function sendMessage(
  em: EntityManager,
  userId: string,
  input: unknown,
  deps: SendMessageDeps,
): Promise<SentMessage> {
  const { sent, prepared } = await storeMessage(em, userId, input, deps);
  deps.onOutboxWrite();
  if (sent.reply.status === 'PENDING') deps.replies.start(sent.reply, prepared);
  return sent;
}

async function storeMessage(
  em: EntityManager,
  userId: string,
  input: unknown,
  deps: SendMessageDeps,
): Promise<{ sent: SentMessage; prepared?: PreparedReply }> {
  const { conversationId, content, clientMessageId } = validate(sendInput, input);
  if (!isUuid(conversationId)) throw errors.notFound('Conversation');
  const key = clientMessageId || null;
  if (key) {
    const existing = await findSent(em.fork(), userId, conversationId, key);
    if (existing) return { sent: existing };
  }
  // The context query overlaps the write.
  const prepared = deps.replies.prepare(userId, content, conversationId);
  try {
    const sent = await em.fork().transactional(async (tx) => {
      const messageId = randomUUID();
      const {
        conversation,
        messages: [message, reply],
      } = await appendMessages(tx, { conversationId, userId }, [
        { id: messageId, role: 'USER', content, status: 'COMPLETE', clientMessageId: key },
        { role: 'ASSISTANT', content: '', status: 'PENDING', replyToId: messageId },
      ]);
      if (!message || !reply) throw new Error('appendMessages returned fewer messages than asked');
      const payload = {
        userId,
        conversationId,
        messageId: message.id,
        replyId: reply.id,
        content,
        platform: conversation.platform,
      };
      stageOutboxEvent(tx, 'message.created', payload, deps.now());
      return { message, reply };
    });
    return { sent, prepared };
  } catch (error) {
    if (!(key && error instanceof UniqueConstraintViolationException)) throw error;
    // A concurrent submit with the same key won the race: answer with its pair.
    const existing = await findSent(em.fork(), userId, conversationId, key);
    if (!existing) throw error;
    return { sent: existing };
  }
}

async function findSent(
  em: EntityManager,
  userId: string,
  conversationId: string,
  clientMessageId: string,
): Promise<SentMessage | null> {
  const message = await em.findOne(MessageEntity, { conversationId, clientMessageId, userId });
  if (!message) return null;
  const reply = await em.findOne(MessageEntity, { replyToId: message.id, userId }, { orderBy: { createdAt: 'asc' } });
  if (!reply) throw new Error(`message ${message.id} has no reply row`);
  return { message, reply };
}
