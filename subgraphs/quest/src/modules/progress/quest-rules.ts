import type { QuestDefinition } from '../catalog/catalog.types.ts';
import { utcDay } from '../progression/utc-day.ts';
import { LONG_RUNNING_PERIOD, type QuestProgressRow } from './quest-progress.entity.ts';

export type QuestStatus = 'AVAILABLE' | 'ACTIVE' | 'COMPLETED' | 'CLAIMED' | 'EXPIRED';
export type ObjectiveCounts = Record<string, number>;

/** The period a quest accepted at `now` belongs to: the UTC day for daily quests. */
export function periodKeyFor(quest: QuestDefinition, now: Date): string {
  return quest.kind === 'daily' ? utcDay(now) : LONG_RUNNING_PERIOD;
}

export function emptyCounts(quest: QuestDefinition): ObjectiveCounts {
  return Object.fromEntries(quest.objectives.map((objective) => [objective.id, 0]));
}

export function isComplete(quest: QuestDefinition, counts: ObjectiveCounts): boolean {
  return quest.objectives.every((objective) => (counts[objective.id] ?? 0) >= objective.count);
}

/**
 * Advances the objectives an event type drives. Counting objectives add one (capped at the
 * target); `streak.day` objectives follow the current streak, and stay done once reached.
 */
export function applyEvent(
  quest: QuestDefinition,
  counts: ObjectiveCounts,
  eventType: string,
  streakDays: number,
): { counts: ObjectiveCounts; changed: boolean } {
  const next = { ...counts };
  let changed = false;
  for (const objective of quest.objectives) {
    const current = next[objective.id] ?? 0;
    if (current >= objective.count) continue;
    let value = current;
    if (objective.event === 'streak.day') value = Math.min(objective.count, streakDays);
    else if (objective.event === eventType) value = current + 1;
    if (value !== current) {
      next[objective.id] = value;
      changed = true;
    }
  }
  return { counts: next, changed };
}

/**
 * What the caller sees for one quest, given its loaded rows: today's row for daily quests,
 * else a past completion still to claim, else EXPIRED for a past day left unfinished.
 */
export function resolveQuestView(
  quest: QuestDefinition,
  rows: readonly QuestProgressRow[],
  now: Date,
): { status: QuestStatus; row: QuestProgressRow | null } {
  const period = periodKeyFor(quest, now);
  const current = rows.find((row) => row.periodKey === period);
  if (current) return { status: current.status, row: current };
  if (quest.kind === 'long-running') return { status: 'AVAILABLE', row: null };
  const past = rows.filter((row) => row.periodKey < period).sort((a, b) => b.periodKey.localeCompare(a.periodKey));
  const unclaimed = past.find((row) => row.status === 'COMPLETED');
  if (unclaimed) return { status: 'COMPLETED', row: unclaimed };
  const unfinished = past.find((row) => row.status === 'ACTIVE' || row.status === 'EXPIRED');
  if (unfinished) return { status: 'EXPIRED', row: unfinished };
  return { status: 'AVAILABLE', row: null };
}
