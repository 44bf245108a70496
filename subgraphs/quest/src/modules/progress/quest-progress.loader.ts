import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { utcDay } from '../progression/utc-day.ts';
import { LONG_RUNNING_PERIOD, QuestProgressEntity, type QuestProgressRow } from './quest-progress.entity.ts';

/**
 * The rows that can decide what users see now: long-running ones, today's daily ones, and past
 * daily ones still open (at most one per quest: accepting a new day expires the older one).
 */
export async function findVisibleProgress(em: EntityManager, userIds: readonly string[], now: Date): Promise<QuestProgressRow[]> {
  return em.find(
    QuestProgressEntity,
    {
      userId: { $in: [...userIds] },
      $or: [{ periodKey: { $in: [LONG_RUNNING_PERIOD, utcDay(now)] } }, { status: { $in: ['ACTIVE', 'COMPLETED'] } }],
    },
    { refresh: true, orderBy: { periodKey: 'desc' } },
  );
}

export function createQuestProgressLoaders(em: EntityManager, now: () => Date) {
  return {
    questRowsByUser: new DataLoader<string, QuestProgressRow[]>(async (userIds) => {
      const rows = await findVisibleProgress(em, userIds, now());
      return userIds.map((userId) => rows.filter((row) => row.userId === userId));
    }),
  };
}

export type QuestProgressLoaders = ReturnType<typeof createQuestProgressLoaders>;
