/** XP needed to go from `level` to `level + 1`: 100 * n^1.5, rounded (100, 283, 520, 800, ...). */
export function xpForLevel(level: number): number {
  return Math.round(100 * level ** 1.5);
}

/** Level reached with `totalXp` (starting at level 1) and the XP still missing for the next one. */
export function levelFor(totalXp: number): { level: number; xpToNextLevel: number } {
  let level = 1;
  let remaining = Math.max(0, Math.floor(totalXp));
  while (remaining >= xpForLevel(level)) {
    remaining -= xpForLevel(level);
    level += 1;
  }
  return { level, xpToNextLevel: xpForLevel(level) - remaining };
}
