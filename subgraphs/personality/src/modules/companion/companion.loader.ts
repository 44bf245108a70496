import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { type CompanionStateRow, type ModeTransitionRow, ModeTransitionEntity } from './companion.entity.ts';
import { ensureCompanionStates } from './companion.store.ts';

/** Batches companion reads per request: one query per kind of row, whatever the number of users. */
export function createCompanionLoaders(em: EntityManager, now: () => Date) {
  return {
    companionByUser: new DataLoader<string, CompanionStateRow>((userIds) => ensureCompanionStates(em, userIds, now())),
    /** Newest first; at most MAX_KEPT_TRANSITIONS per user are ever stored. */
    transitionsByUser: new DataLoader<string, ModeTransitionRow[]>(async (userIds) => {
      const rows = await em.find(
        ModeTransitionEntity,
        { userId: { $in: [...userIds] } },
        { orderBy: { at: 'desc', id: 'desc' } },
      );
      return userIds.map((userId) => rows.filter((row) => row.userId === userId));
    }),
  };
}

export type CompanionLoaders = ReturnType<typeof createCompanionLoaders>;
