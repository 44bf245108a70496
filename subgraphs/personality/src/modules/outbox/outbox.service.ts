import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { checkedPayload, type EventPayload } from '@miyu/events/catalog/event-catalog';
import { PersonalityEventOutboxEntity } from './personality-event.entity.ts';

/** Event types this subgraph publishes (declared in the event catalog). */
export type PersonalityEventType = 'mode.changed';

/**
 * Stages an outbox row in the transaction of the change it describes, so the event exists if and
 * only if the change does; the payload is checked against the catalog here.
 */
export function stageOutboxEvent<T extends PersonalityEventType>(
  tx: EntityManager,
  userId: string,
  type: T,
  payload: EventPayload<T>,
  at: Date,
) {
  return tx.create(PersonalityEventOutboxEntity, {
    id: randomUUID(),
    userId,
    type,
    payload: checkedPayload(type, payload),
    createdAt: at,
    publishedAt: null,
  });
}
