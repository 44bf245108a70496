import type { InferEntity } from '@mikro-orm/core';
import { defineUserOutboxEntity } from '@miyu/events/outbox/user-outbox-entity';

/** Events this subgraph emits (`memory.created`, for quests), staged in the transaction of the change. */
export const MemoryEventOutboxEntity = defineUserOutboxEntity('MemoryEventOutbox', 'memory_events_outbox');

export type MemoryEventOutboxRow = InferEntity<typeof MemoryEventOutboxEntity>;
