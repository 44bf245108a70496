import { type EntityManager, type EntityName, UniqueConstraintViolationException } from '@mikro-orm/core';

export type Once<T> = { applied: true; result: T } | { applied: false };

/** A subgraph's own `processed_events` table: one row per applied event id. */
export type ProcessedEventsTable = EntityName<{ eventId: string; processedAt: Date }>;

/**
 * Runs `work` in one transaction with the insert of the event id, so an event is applied at
 * most once even when the log redelivers it. A concurrent duplicate waits on the primary key,
 * fails it once the first commits, and is rolled back whole.
 */
export async function runOnce<T>(
  em: EntityManager,
  table: ProcessedEventsTable,
  eventId: string,
  work: (tx: EntityManager) => Promise<T>,
): Promise<Once<T>> {
  try {
    return await em.transactional(async (tx): Promise<Once<T>> => {
      if (await tx.findOne(table, { eventId })) return { applied: false };
      await tx.insert(table, { eventId, processedAt: new Date() });
      return { applied: true, result: await work(tx) };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException && (await em.fork().findOne(table, { eventId })))
      return { applied: false };
    throw error;
  }
}
