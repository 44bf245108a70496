import type { EntityManager } from '@mikro-orm/core';
import { checkedPayload, type EventPayload } from '@miyu/events/catalog/event-catalog';
import { MemoryEventOutboxEntity } from './memory-event.entity.ts';

/** Event types this subgraph publishes (declared in the event catalog). */
export type MemoryEventType = 'memory.created';

/**
 * Stages an outbox row in the transaction of the change it describes, so the event exists if and
 * only if the change does; the payload is checked against the catalog here. The id is derived
 * from the source event (derived-event-id.ts): a redelivered message stages the same id, which the
 * primary key refuses inside a transaction that runOnce has already skipped.
 */
export function stageMemoryEvent<T extends MemoryEventType>(
  tx: EntityManager,
  event: { id: string; userId: string; type: T; payload: EventPayload<T>; at: Date },
) {
  return tx.create(MemoryEventOutboxEntity, {
    id: event.id,
    userId: event.userId,
    type: event.type,
    payload: checkedPayload(event.type, event.payload),
    createdAt: event.at,
    publishedAt: null,
  });
}
