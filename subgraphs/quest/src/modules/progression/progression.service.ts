import type { EntityManager } from '@mikro-orm/core';
import { levelFor } from './level-curve.ts';
import { ActivityDayEntity, ProgressionEntity } from './progression.entity.ts';
import { currentStreak } from './streak.ts';
import { addDays, utcDay } from './utc-day.ts';

/** Streaks are computed over this many past days; longer ones are reported as this long. */
const STREAK_WINDOW_DAYS = 400;

export interface ProgressionView {
  userId: string;
  xp: number;
  level: number;
  xpToNextLevel: number;
  streakDays: number;
  badges: string[];
}

/** Active days per user within the streak window (one query for any number of users). */
async function activeDaysByUser(em: EntityManager, userIds: readonly string[], today: string) {
  const rows = await em.find(ActivityDayEntity, {
    userId: { $in: [...userIds] },
    day: { $gte: addDays(today, -STREAK_WINDOW_DAYS) },
  });
  const byUser = new Map<string, string[]>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.day]);
  return byUser;
}

export async function streakFor(em: EntityManager, userId: string, today: string): Promise<number> {
  return currentStreak((await activeDaysByUser(em, [userId], today)).get(userId) ?? [], today);
}

/** Progression of several users in two queries; a user without claims is level 1 with 0 xp. */
export async function loadProgressions(em: EntityManager, userIds: readonly string[], now: Date): Promise<ProgressionView[]> {
  const today = utcDay(now);
  const [rows, days] = await Promise.all([
    em.find(ProgressionEntity, { userId: { $in: [...userIds] } }, { refresh: true }),
    activeDaysByUser(em, userIds, today),
  ]);
  const byUser = new Map(rows.map((row) => [row.userId, row]));
  return userIds.map((userId) => {
    const xp = byUser.get(userId)?.xp ?? 0;
    return {
      userId,
      xp,
      ...levelFor(xp),
      streakDays: currentStreak(days.get(userId) ?? [], today),
      badges: byUser.get(userId)?.badges ?? [],
    };
  });
}
