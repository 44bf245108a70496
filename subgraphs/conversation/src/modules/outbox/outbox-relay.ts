import type { Orm } from '@miyu/db/create-orm';
import type { EventAdapters } from '@miyu/events/event-types';
import { createOutboxRelay as createRelay } from '@miyu/events/outbox/outbox-relay';
import type { Logger } from '@miyu/platform/logger';
import { type OutboxEventRow, OutboxEventEntity } from './outbox.entity.ts';

export interface OutboxRelayOptions {
  orm: Orm;
  events: EventAdapters;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
  /** How long a nudge waits before publishing (default 25 ms; see @miyu/events/outbox/outbox-relay). */
  batchWindowMs?: number;
}

/**
 * This subgraph's `outbox_events` through the shared relay (@miyu/events/outbox/outbox-relay):
 * every payload carries its `userId`. The reply pipeline hooks `onPublished` to start a reply
 * from each published `message.created`.
 */
export function createOutboxRelay(options: OutboxRelayOptions) {
  return createRelay<OutboxEventRow>({
    em: () => options.orm.em.fork(),
    entity: OutboxEventEntity,
    userIdOf: (row) => String(row.payload.userId),
    eventLog: options.events.eventLog,
    logger: options.logger,
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.batchWindowMs === undefined ? {} : { batchWindowMs: options.batchWindowMs }),
  });
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
