import { LockMode } from '@mikro-orm/core';
import type { Orm } from '@miyu/db/create-orm';
import type { DomainEvent, EventAdapters } from '@miyu/events/event-types';
import type { Logger } from '@miyu/platform/logger';
import { type OutboxEvent, OutboxEventEntity } from './outbox.entity.ts';

export interface OutboxRelayOptions {
  orm: Orm;
  events: EventAdapters;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
  /**
   * How long a nudge waits before publishing (default 25 ms; 0 = at once). Commits nudged within
   * the window are published by one transaction, and the work a commit started meanwhile (the
   * reply job's first reads) does not queue behind the relay's: PGlite runs one transaction at a
   * time. Short next to what the consumers of the events do.
   */
  batchWindowMs?: number;
}

export type PublishedHook = (event: DomainEvent) => Promise<void>;

/**
 * Publishes outbox rows: each becomes a DomainEvent on the event log (its id is the row id, so
 * consumers dedupe a re-publish), then goes to the `onPublished` hooks (the reply pipeline starts
 * a reply from `message.created`; its job id dedupes a re-publish); a failing hook keeps the row
 * unpublished. Rows are claimed with FOR UPDATE SKIP LOCKED inside a
 * transaction, so replicas share the work without publishing a row twice at the same time; a
 * crash between publishing and commit only means publishing again (at-least-once).
 */
export function createOutboxRelay(options: OutboxRelayOptions) {
  const intervalMs = options.intervalMs ?? 250;
  const batchSize = options.batchSize ?? 50;
  const batchWindowMs = options.batchWindowMs ?? 25;
  const publishedHooks: PublishedHook[] = [];
  let timer: NodeJS.Timeout | undefined;
  let windowTimer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;

  async function publish(row: OutboxEvent) {
    const payload = row.payload;
    const event: DomainEvent = {
      id: row.id,
      type: row.type,
      userId: String(payload.userId),
      at: row.createdAt.toISOString(),
      payload,
    };
    await options.events.eventLog.append(event);
    for (const hook of publishedHooks) await hook(event);
  }

  /** One batch; returns how many rows were published. */
  async function relayBatch(): Promise<number> {
    return options.orm.em.fork().transactional(async (tx) => {
      const rows = await tx.find(
        OutboxEventEntity,
        { publishedAt: null },
        { orderBy: { createdAt: 'asc', id: 'asc' }, limit: batchSize, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      let published = 0;
      for (const row of rows) {
        try {
          await publish(row);
        } catch (error) {
          // Keep order: stop here and retry this row on the next tick.
          options.logger.warn({ err: error, eventId: row.id, type: row.type }, 'outbox publish failed; will retry');
          break;
        }
        row.publishedAt = new Date();
        published += 1;
      }
      return published;
    });
  }

  async function drain() {
    do {
      again = false;
      try {
        // A full batch means more may be waiting.
        let published = batchSize;
        while (!stopped && published === batchSize) published = await relayBatch();
      } catch (error) {
        options.logger.error({ err: error }, 'outbox relay failed');
      }
    } while (again && !stopped);
  }

  function tick() {
    if (windowTimer) clearTimeout(windowTimer);
    windowTimer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = undefined;
    running = drain().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  }

  return {
    /** Runs after each row reached the event log, before it is marked published (at-least-once). */
    onPublished(hook: PublishedHook) {
      publishedHooks.push(hook);
    },
    start() {
      stopped = false;
      tick();
    },
    /** Publish within the batch window (after a commit) rather than on the next poll. */
    nudge() {
      if (batchWindowMs <= 0 || running) return tick();
      windowTimer ??= setTimeout(tick, batchWindowMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (windowTimer) clearTimeout(windowTimer);
      timer = undefined;
      windowTimer = undefined;
      await running;
    },
  };
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
