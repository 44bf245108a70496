import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { MemoryEntity, type MemoryRow } from './memory.entity.ts';
import { isUuid } from './memory.service.ts';
import { MemorySourceEntity, type MemorySourceRow } from '../provenance/memory-source.entity.ts';

/** Batches Memory entity references; only the acting user's rows are ever loaded. */
export function createMemoryLoaders(em: EntityManager, userId: string | null) {
  return {
    memoryById: new DataLoader<string, MemoryRow | null>(async (ids) => {
      const wanted = ids.filter(isUuid);
      const rows = userId && wanted.length > 0 ? await em.find(MemoryEntity, { id: { $in: wanted }, userId }) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** The messages each memory was learned from, oldest first. */
    sourcesByMemoryId: new DataLoader<string, MemorySourceRow[]>(async (ids) => {
      const rows = userId
        ? await em.find(
            MemorySourceEntity,
            { memoryId: { $in: [...ids] }, userId },
            { orderBy: [{ learnedAt: 'asc' }, { messageId: 'asc' }] },
          )
        : [];
      return ids.map((id) => rows.filter((row) => row.memoryId === id));
    }),
    /** The earlier versions each memory superseded, newest first. */
    historyByMemoryId: new DataLoader<string, MemoryRow[]>(async (ids) => {
      const rows = userId
        ? await em.find(
            MemoryEntity,
            { supersededById: { $in: [...ids] }, userId },
            { orderBy: [{ supersededAt: 'desc' }, { createdAt: 'desc' }] },
          )
        : [];
      return ids.map((id) => rows.filter((row) => row.supersededById === id));
    }),
  };
}

export type MemoryLoaders = ReturnType<typeof createMemoryLoaders>;
