import { type EntityManager, LockMode } from '@mikro-orm/core';
import type { EventLog } from '@miyu/events/event-types';
import type { Logger } from '@miyu/platform/logger';
import { QuestEventOutboxEntity } from './quest-event.entity.ts';

export interface OutboxRelayOptions {
  em: () => EntityManager;
  eventLog: EventLog;
  logger: Logger;
  /** How often unpublished rows are looked for; `kick()` runs a pass at once. */
  intervalMs: number;
}

/**
 * Moves `quest_events_outbox` rows (written with the change they describe) to the event log.
 * At-least-once: a crash between append and mark republishes a row under the same id, which
 * consumers ignore. SKIP LOCKED lets several replicas relay without waiting on each other.
 */
export function startOutboxRelay(options: OutboxRelayOptions) {
  let pass: Promise<void> | null = null;
  const relay = async () => {
    await options.em().transactional(async (tx) => {
      const rows = await tx.find(
        QuestEventOutboxEntity,
        { publishedAt: null },
        { orderBy: { createdAt: 'asc' }, limit: 100, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      for (const row of rows) {
        await options.eventLog.append({
          id: row.id,
          type: row.type,
          userId: row.userId,
          at: row.createdAt.toISOString(),
          payload: row.payload,
        });
        row.publishedAt = new Date();
      }
    });
  };
  const kick = (): Promise<void> => {
    pass ??= relay()
      .catch((error: unknown) => options.logger.warn({ err: error }, 'outbox relay pass failed; will retry'))
      .finally(() => {
        pass = null;
      });
    return pass;
  };
  const timer = setInterval(() => void kick(), options.intervalMs);
  return {
    kick,
    async stop() {
      clearInterval(timer);
      await pass;
    },
  };
}

export type OutboxRelay = ReturnType<typeof startOutboxRelay>;
