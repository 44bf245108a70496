import type { EntityManager } from '@mikro-orm/core';
import { type Once, runOnce as runOnceIn } from '@miyu/db/run-once';
import { ProcessedEventEntity } from './processed-event.entity.ts';

export type { Once };

/** Applies an event at most once, recorded in this subgraph's own processed_events table. */
export function runOnce<T>(em: EntityManager, eventId: string, work: (tx: EntityManager) => Promise<T>): Promise<Once<T>> {
  return runOnceIn(em, ProcessedEventEntity, eventId, work);
}
