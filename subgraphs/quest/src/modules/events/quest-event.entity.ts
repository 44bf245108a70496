import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** Event ids already applied; the primary key makes `recordEvent` idempotent. */
export const ProcessedEventEntity = defineEntity({
  name: 'ProcessedEvent',
  tableName: 'processed_events',
  properties: {
    eventId: p.string().length(100).primary(),
    userId: p.uuid().index(),
    processedAt: p.datetime(),
  },
});

/**
 * Events this subgraph emits (e.g. `quest.reward_claimed` for personality's affinity), written
 * in the same transaction as the change; a relay publishes them and sets `publishedAt`.
 */
export const QuestEventOutboxEntity = defineEntity({
  name: 'QuestEventOutbox',
  tableName: 'quest_events_outbox',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    type: p.string().length(64),
    payload: p.json<Record<string, unknown>>(),
    createdAt: p.datetime(),
    publishedAt: p.datetime().nullable().index(),
  },
});

export type ProcessedEventRow = InferEntity<typeof ProcessedEventEntity>;
export type QuestEventOutboxRow = InferEntity<typeof QuestEventOutboxEntity>;
