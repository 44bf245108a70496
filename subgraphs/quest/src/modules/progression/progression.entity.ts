import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

export const ProgressionEntity = defineEntity({
  name: 'Progression',
  tableName: 'progressions',
  properties: {
    userId: p.uuid().primary(),
    xp: p.integer().default(0),
    /** Badges from claimed rewards, in the order they were earned. */
    badges: p.json<string[]>(),
    updatedAt: p.datetime(),
  },
});

/** One row per user and UTC day with any recorded activity; streaks are computed from these. */
export const ActivityDayEntity = defineEntity({
  name: 'ActivityDay',
  tableName: 'activity_days',
  properties: {
    userId: p.uuid().primary(),
    day: p.string().length(10).primary(),
  },
});

export type ProgressionRow = InferEntity<typeof ProgressionEntity>;
export type ActivityDayRow = InferEntity<typeof ActivityDayEntity>;
