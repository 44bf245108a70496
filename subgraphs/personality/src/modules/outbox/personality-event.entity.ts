import type { InferEntity } from '@mikro-orm/core';
import { defineUserOutboxEntity } from '@miyu/events/outbox/user-outbox-entity';

/** Events this subgraph emits (`mode.changed`, for quests), staged in the transaction of the change. */
export const PersonalityEventOutboxEntity = defineUserOutboxEntity('PersonalityEventOutbox', 'personality_events_outbox');

export type PersonalityEventOutboxRow = InferEntity<typeof PersonalityEventOutboxEntity>;
