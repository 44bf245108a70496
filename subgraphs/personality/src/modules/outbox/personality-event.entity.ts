import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * Events this subgraph emits (`mode.changed`, for quests), written in the same transaction as the
 * change they describe; the shared outbox relay (@miyu/events/outbox/outbox-relay) publishes them
 * and sets `publishedAt`.
 */
export const PersonalityEventOutboxEntity = defineEntity({
  name: 'PersonalityEventOutbox',
  tableName: 'personality_events_outbox',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    type: p.string().length(64),
    payload: p.json<Record<string, unknown>>(),
    createdAt: p.datetime(),
    publishedAt: p.datetime().nullable().index(),
  },
});

export type PersonalityEventOutboxRow = InferEntity<typeof PersonalityEventOutboxEntity>;
