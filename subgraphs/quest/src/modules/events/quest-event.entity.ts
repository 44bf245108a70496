import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { defineUserOutboxEntity } from '@miyu/events/outbox/user-outbox-entity';

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

/** Events this subgraph emits (e.g. `quest.reward_claimed` for personality's affinity), staged in the transaction of the change. */
export const QuestEventOutboxEntity = defineUserOutboxEntity('QuestEventOutbox', 'quest_events_outbox');

export type ProcessedEventRow = InferEntity<typeof ProcessedEventEntity>;
export type QuestEventOutboxRow = InferEntity<typeof QuestEventOutboxEntity>;
