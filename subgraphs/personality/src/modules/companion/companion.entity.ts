import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { COMPANION_MODES } from '../mood/mood.types.ts';

// Doubles come back as strings unless told otherwise; PAD axes and affinity are plain numbers.
const number = () => p.double().runtimeType('number').$type<number>();

/** One row per user, created lazily on first read. The mood is stored undecayed with its time. */
export const CompanionStateEntity = defineEntity({
  name: 'CompanionState',
  tableName: 'companion_states',
  properties: {
    userId: p.uuid().primary(),
    personaId: p.string().length(80),
    mode: p.enum(COMPANION_MODES),
    pleasure: number(),
    arousal: number(),
    dominance: number(),
    moodUpdatedAt: p.datetime(),
    affinity: number(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

/**
 * A mode change. The id is a sequence so that "newest" is well defined even when two changes
 * share a millisecond.
 */
export const ModeTransitionEntity = defineEntity({
  name: 'ModeTransition',
  tableName: 'mode_transitions',
  indexes: [{ properties: ['userId', 'at'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    userId: p.uuid(),
    // "from"/"to" are SQL keywords: keep them out of the column names.
    from: p.enum(COMPANION_MODES).fieldName('from_mode'),
    to: p.enum(COMPANION_MODES).fieldName('to_mode'),
    reason: p.string().length(200),
    at: p.datetime(),
  },
});

export type CompanionStateRow = InferEntity<typeof CompanionStateEntity>;
export type ModeTransitionRow = InferEntity<typeof ModeTransitionEntity>;
