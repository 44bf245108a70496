/** A UTC calendar day as 'YYYY-MM-DD'; quests and streaks roll over at UTC midnight. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The day `offset` days after `day` (negative for earlier days). */
export function addDays(day: string, offset: number): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return utcDay(date);
}
