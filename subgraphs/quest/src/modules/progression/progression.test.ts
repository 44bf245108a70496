import { describe, expect, it } from 'vitest';
import { levelFor, xpForLevel } from './level-curve.ts';
import { currentStreak } from './streak.ts';
import { addDays, utcDay } from './utc-day.ts';

describe('level curve', () => {
  it('needs 100 * n^1.5 xp per level, rounded', () => {
    expect([1, 2, 3, 4].map(xpForLevel)).toEqual([100, 283, 520, 800]);
  });

  it('derives the level and the xp still missing', () => {
    expect(levelFor(0)).toEqual({ level: 1, xpToNextLevel: 100 });
    expect(levelFor(99)).toEqual({ level: 1, xpToNextLevel: 1 });
    expect(levelFor(100)).toEqual({ level: 2, xpToNextLevel: 283 });
    expect(levelFor(150)).toEqual({ level: 2, xpToNextLevel: 233 });
    expect(levelFor(383)).toEqual({ level: 3, xpToNextLevel: 520 });
    expect(levelFor(-5)).toEqual({ level: 1, xpToNextLevel: 100 });
  });
});

describe('streak', () => {
  it('counts consecutive days ending today or yesterday', () => {
    expect(currentStreak(['2026-11-21', '2026-11-22', '2026-11-23'], '2026-11-23')).toBe(3);
    expect(currentStreak(['2026-11-21', '2026-11-22'], '2026-11-23')).toBe(2);
    expect(currentStreak([], '2026-11-23')).toBe(0);
  });

  it('resets after a gap', () => {
    expect(currentStreak(['2026-11-18', '2026-11-19', '2026-11-20'], '2026-11-23')).toBe(0);
    expect(currentStreak(['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-22', '2026-11-23'], '2026-11-23')).toBe(2);
  });

  it('crosses month and year boundaries in UTC', () => {
    expect(currentStreak(['2026-12-30', '2026-12-31', '2027-01-01'], '2027-01-01')).toBe(3);
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(utcDay(new Date('2026-11-23T23:59:59-05:00'))).toBe('2026-11-24');
  });
});
