import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * Events written in the same transaction as the rows they describe (transactional outbox);
 * a relay publishes them and stamps publishedAt, so no event is lost between commit and publish.
 */
export const OutboxEventEntity = defineEntity({
  name: 'OutboxEvent',
  tableName: 'outbox_events',
  indexes: [{ properties: ['publishedAt', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    /** Whose event it is: the payload is sealed for this person (null only for rows from before encryption). */
    userId: p.uuid().nullable(),
    type: p.string().length(100),
    payload: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    publishedAt: p.datetime().nullable(),
  },
});

export type OutboxEventRow = InferEntity<typeof OutboxEventEntity>;
