import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** Same values as identity's Platform enum (federation requires identical shared enums). */
export const PLATFORMS = ['WEB', 'TELEGRAM', 'TWITTER', 'API'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const ConversationEntity = defineEntity({
  name: 'Conversation',
  tableName: 'conversations',
  // Serves "a user's conversations, most recently active first" as a keyset scan; its
  // user_id prefix also serves every ownership look-up, so no separate user_id index.
  indexes: [{ properties: ['userId', 'lastMessageAt', 'id'] }],
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    title: p.string().length(200).nullable(),
    platform: p.enum(PLATFORMS),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** Last activity: createdAt until the first message, then the newest message's createdAt. */
    lastMessageAt: p.datetime(),
  },
});

export type ConversationRow = InferEntity<typeof ConversationEntity>;
