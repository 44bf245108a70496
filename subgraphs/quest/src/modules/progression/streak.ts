import { addDays } from './utc-day.ts';

/**
 * The current streak: consecutive active UTC days ending today, or yesterday (today may still
 * come). Any missing day before that ends it, so a gap resets the streak to 0.
 */
export function currentStreak(activeDays: Iterable<string>, today: string): number {
  const days = new Set(activeDays);
  let cursor = days.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (days.has(cursor)) {
    streak += 1;
    cursor = addDays(cursor, -1);
  }
  return streak;
}
