import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { checkedPayload, type EventPayload } from '@miyu/events/catalog/event-catalog';
import { OutboxEventEntity } from './outbox.entity.ts';

/** Event types this subgraph publishes (declared in the event catalog; their payloads carry `userId`). */
export type OutboxEventType = 'conversation.started' | 'message.created' | 'reply.completed' | 'reply.failed';

/**
 * Stages an outbox row in the given entity manager: it is written by the same flush/transaction
 * as the rows it describes, so the event exists if and only if they do. The payload is checked
 * against the catalog here, so a wrong shape fails the producer, never a consumer.
 */
export function stageOutboxEvent<T extends OutboxEventType>(
  em: EntityManager,
  type: T,
  payload: EventPayload<T>,
  at: Date = new Date(),
) {
  return em.create(OutboxEventEntity, {
    id: randomUUID(),
    userId: payload.userId,
    type,
    payload: checkedPayload(type, payload),
    createdAt: at,
    publishedAt: null,
  });
}
