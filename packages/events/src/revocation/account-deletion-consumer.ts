import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '@miyu/platform/logger';
import { createHash } from 'node:crypto';
import type { ACCOUNT_SUBGRAPHS } from '../catalog/event-catalog.ts';
import { type CatalogEvent, catalogEvent, catalogHandler } from '../catalog/consume-catalog.ts';
import type { Consumer, EventAdapters } from '../event-types.ts';
import { type AccountTable, deleteAccountRows } from './account-rows.ts';

export type AccountSubgraph = (typeof ACCOUNT_SUBGRAPHS)[number];

export interface AccountDeletionConsumerOptions {
  subgraph: AccountSubgraph;
  events: Pick<EventAdapters, 'eventLog' | 'deadLetters'>;
  /** A fresh EntityManager per attempt. */
  em: () => EntityManager;
  /** This subgraph's tables holding a person's rows, children before parents. */
  tables: readonly AccountTable[];
  /**
   * Runs before the rows go, outside their transaction (the conversation subgraph stops the
   * person's replies there); what it returns runs after their commit (dropping the replies'
   * streams). Both must be safe to run again.
   */
  prepare?: (userId: string, em: EntityManager) => Promise<(() => Promise<void>) | undefined | void>;
  logger: Logger;
  /** How long a failed attempt waits before the next (default: the event log's, 5 s). */
  retryDelayMs?: number;
}

/** The same id for the same deletion and subgraph, so a redelivered event is a duplicate downstream. */
function progressEventId(deletionId: string, subgraph: string): string {
  const hex = createHash('sha1').update(`${deletionId}\u0000${subgraph}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A subgraph's part of deleteAccount: on `account.deleted`, every row of the person goes in one
 * transaction, then `account.deletion_progressed` is published. Idempotent (a second run finds
 * nothing to delete and reports again); an attempt that fails (database down) rejects, so the
 * event log delivers it again until it succeeds, and a subgraph that was stopped when the account
 * was deleted finds the event waiting in its consumer group when it starts. Its own group
 * (`<subgraph>-account`), so a deletion never waits behind the subgraph's other events.
 */
export function startAccountDeletionConsumer(options: AccountDeletionConsumerOptions): Promise<Consumer> {
  const { subgraph, logger } = options;
  const log = logger.child({ component: 'account-deletion' });
  async function handle(event: CatalogEvent<'account.deleted'>) {
    if (!event.payload.subgraphs.includes(subgraph)) return;
    const em = options.em();
    const afterCommit = await options.prepare?.(event.userId, em);
    const rowsDeleted = await em.transactional((tx) => deleteAccountRows(tx, options.tables, event.userId));
    await afterCommit?.();
    await options.events.eventLog.append(
      catalogEvent('account.deletion_progressed', {
        id: progressEventId(event.payload.deletionId, subgraph),
        userId: event.userId,
        at: new Date().toISOString(),
        payload: { deletionId: event.payload.deletionId, subgraph, rowsDeleted },
      }),
    );
    log.info({ deletionId: event.payload.deletionId, rowsDeleted }, 'account rows deleted');
  }
  const group = `${subgraph}-account`;
  const handler = catalogHandler(group, { 'account.deleted': handle }, { deadLetters: options.events.deadLetters, logger: log });
  return options.events.eventLog.consume(group, handler, options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {});
}
