import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { MemoryEntity, type MemoryRow } from './memory.entity.ts';
import { isUuid } from './memory.service.ts';

/** Batches Memory entity references; only the acting user's rows are ever loaded. */
export function createMemoryLoaders(em: EntityManager, userId: string | null) {
  return {
    memoryById: new DataLoader<string, MemoryRow | null>(async (ids) => {
      const wanted = ids.filter(isUuid);
      const rows = userId && wanted.length > 0 ? await em.find(MemoryEntity, { id: { $in: wanted }, userId }) : [];
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type MemoryLoaders = ReturnType<typeof createMemoryLoaders>;
