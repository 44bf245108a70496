import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

export const MESSAGE_ROLES = ['USER', 'ASSISTANT', 'SYSTEM'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
export const MESSAGE_STATUSES = ['PENDING', 'STREAMING', 'COMPLETE', 'FAILED'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const MessageEntity = defineEntity({
  name: 'Message',
  tableName: 'messages',
  // (conversation_id, created_at, id) is exactly the keyset order of Conversation.messages;
  // its conversation_id prefix serves plain look-ups by conversation too.
  indexes: [{ properties: ['conversationId', 'createdAt', 'id'] }],
  // sendMessage is idempotent on a client-supplied key per conversation (NULLs never collide).
  uniques: [{ properties: ['conversationId', 'clientMessageId'] }],
  properties: {
    id: p.uuid().primary(),
    conversationId: p.uuid(),
    /** The conversation's owner, copied so ownership checks need no join. */
    userId: p.uuid().index(),
    role: p.enum(MESSAGE_ROLES),
    content: p.text(),
    status: p.enum(MESSAGE_STATUSES),
    /** Which provider/model produced an assistant message. */
    model: p.string().length(100).nullable(),
    clientMessageId: p.string().length(100).nullable(),
    /** For an assistant reply: the user message it answers. */
    replyToId: p.uuid().nullable(),
    /** A completed reply shaped for its conversation's platform (Telegram messages, X thread parts). */
    formatted: p.json<string[]>().nullable(),
    /** For a completed reply: whether its context query answered in full (false = minimal or partial context). */
    contextComplete: p.boolean().nullable(),
    createdAt: p.datetime(),
  },
});

export type MessageRow = InferEntity<typeof MessageEntity>;
