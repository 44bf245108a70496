import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { loadProgressions, type ProgressionView } from './progression.service.ts';

export function createProgressionLoaders(em: EntityManager, now: () => Date) {
  return {
    progressionByUser: new DataLoader<string, ProgressionView>((userIds) => loadProgressions(em, userIds, now())),
  };
}

export type ProgressionLoaders = ReturnType<typeof createProgressionLoaders>;
