import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { OutboxEventEntity } from './outbox.entity.ts';

/** Event types this subgraph publishes (payloads always carry `userId`). */
export type OutboxEventType = 'conversation.started' | 'message.created' | 'reply.completed' | 'reply.failed';

/**
 * Stages an outbox row in the given entity manager: it is written by the same flush/transaction
 * as the rows it describes, so the event exists if and only if they do.
 */
export function stageOutboxEvent(
  em: EntityManager,
  type: OutboxEventType,
  payload: Record<string, unknown> & { userId: string },
  at: Date = new Date(),
) {
  return em.create(OutboxEventEntity, { id: randomUUID(), type, payload, createdAt: at, publishedAt: null });
}
