import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** Domain event ids this subgraph has applied; the primary key makes the consumer idempotent. */
export const ProcessedEventEntity = defineEntity({
  name: 'ProcessedEvent',
  tableName: 'processed_events',
  properties: {
    eventId: p.string().length(100).primary(),
    processedAt: p.datetime(),
  },
});

export type ProcessedEventRow = InferEntity<typeof ProcessedEventEntity>;
