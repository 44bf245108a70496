import { type EntityManager, type EntityName, type FilterQuery, LockMode } from '@mikro-orm/core';
import type { Logger } from '@miyu/platform/logger';
import { EVENT_CATALOG, isEventType } from '../catalog/event-catalog.ts';
import type { DomainEvent, EventLog } from '../event-types.ts';

/** The columns every subgraph's outbox table has (a row is staged in the transaction of its change). */
export interface OutboxRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  publishedAt?: Date | null | undefined;
}

export interface OutboxRelayOptions<Row extends OutboxRow> {
  /** A fresh EntityManager per batch. */
  em: () => EntityManager;
  /** This subgraph's outbox table. */
  entity: EntityName<Row>;
  /** The user an event is about (a column, or the payload's `userId`). */
  userIdOf: (row: Row) => string;
  eventLog: EventLog;
  logger: Logger;
  /** How often unpublished rows are looked for (default 250 ms); `nudge()` publishes sooner. */
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
 * The one transactional outbox relay: publishes a subgraph's outbox rows to the event log, each
 * as a DomainEvent whose id is the row id (consumers dedupe a re-publish) and whose version is its
 * type's in the event catalog, then runs the `onPublished` hooks (the conversation subgraph's reply
 * pipeline starts a reply from `message.created`); a failing append or hook keeps the row, and the
 * rows after it, unpublished until the next pass. Rows are claimed with FOR UPDATE SKIP LOCKED
 * inside a transaction, so replicas share the work without publishing a row twice at the same
 * time; a crash between publishing and commit only means publishing again (at-least-once).
 */
export function createOutboxRelay<Row extends OutboxRow>(options: OutboxRelayOptions<Row>) {
  const intervalMs = options.intervalMs ?? 250;
  const batchSize = options.batchSize ?? 50;
  const batchWindowMs = options.batchWindowMs ?? 25;
  const publishedHooks: PublishedHook[] = [];
  let timer: NodeJS.Timeout | undefined;
  let windowTimer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;

  async function publish(row: Row) {
    const event: DomainEvent = {
      id: row.id,
      type: row.type,
      userId: options.userIdOf(row),
      at: row.createdAt.toISOString(),
      ...(isEventType(row.type) ? { version: EVENT_CATALOG[row.type].version } : {}),
      payload: row.payload,
    };
    await options.eventLog.append(event);
    for (const hook of publishedHooks) await hook(event);
  }

  /** One batch; returns how many rows were published. */
  async function relayBatch(): Promise<number> {
    return options.em().transactional(async (tx) => {
      const rows = await tx.find(options.entity, { publishedAt: null } as FilterQuery<Row>, {
        orderBy: { createdAt: 'asc', id: 'asc' } as never,
        limit: batchSize,
        lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
      });
      let published = 0;
      for (const row of rows as Row[]) {
        try {
          await publish(row);
        } catch (error) {
          // Keep order: stop here and retry this row on the next pass.
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
