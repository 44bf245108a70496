import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** Statuses a stored progress row can have; AVAILABLE is the absence of a row. */
export const STORED_STATUSES = ['ACTIVE', 'COMPLETED', 'CLAIMED', 'EXPIRED'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];

/** Long-running quests have one period for ever; daily ones one per UTC day ('YYYY-MM-DD'). */
export const LONG_RUNNING_PERIOD = 'all';

export const QuestProgressEntity = defineEntity({
  name: 'QuestProgress',
  tableName: 'quest_progress',
  uniques: [{ properties: ['userId', 'questId', 'periodKey'] }],
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    questId: p.string().length(64),
    periodKey: p.string().length(10),
    status: p.enum(STORED_STATUSES),
    /** Current count per objective id. */
    objectives: p.json<Record<string, number>>(),
    acceptedAt: p.datetime(),
    completedAt: p.datetime().nullable(),
    claimedAt: p.datetime().nullable(),
  },
});

export type QuestProgressRow = InferEntity<typeof QuestProgressEntity>;
