import { type EntityManager, LockMode } from '@mikro-orm/core';
import { INITIAL_AFFINITY } from '../mood/affinity.ts';
import type { CompanionMode } from '../mood/mood.types.ts';
import { DEFAULT_PERSONA } from '../persona/persona.service.ts';
import { type CompanionStateRow, CompanionStateEntity, ModeTransitionEntity } from './companion.entity.ts';

/** Transitions kept per user; older ones are pruned so reads stay bounded without a window query. */
export const MAX_KEPT_TRANSITIONS = 100;

function defaultState(userId: string, now: Date) {
  const { definition } = DEFAULT_PERSONA;
  return {
    userId,
    personaId: definition.id,
    mode: 'CASUAL' as const,
    ...definition.baselineMood,
    moodUpdatedAt: now,
    affinity: INITIAL_AFFINITY,
    updatedAt: now,
  };
}

/**
 * The companion states of `userIds`, creating missing ones with the defaults (MIYU, CASUAL,
 * MIYU's baseline mood, affinity 50). Insert-or-ignore, so two concurrent first reads agree.
 */
export async function ensureCompanionStates(
  em: EntityManager,
  userIds: readonly string[],
  now: Date,
): Promise<CompanionStateRow[]> {
  const found = await em.find(CompanionStateEntity, { userId: { $in: [...userIds] } });
  const byUser = new Map(found.map((state) => [state.userId, state]));
  const missing = userIds.filter((userId) => !byUser.has(userId));
  if (missing.length > 0) {
    const created = await em.upsertMany(
      CompanionStateEntity,
      missing.map((userId) => defaultState(userId, now)),
      { onConflictFields: ['userId'], onConflictAction: 'ignore' },
    );
    for (const state of created) byUser.set(state.userId, state);
  }
  return userIds.map((userId) => {
    const state = byUser.get(userId);
    if (!state) throw new Error(`companion state for ${userId} could not be created`);
    return state;
  });
}

/** Locks the caller's state row for a read-modify-write inside a transaction (creating it first). */
export async function lockCompanionState(tx: EntityManager, userId: string, now: Date): Promise<CompanionStateRow> {
  await ensureCompanionStates(tx, [userId], now);
  return tx.findOneOrFail(CompanionStateEntity, { userId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

/** Appends a transition and prunes the ones beyond MAX_KEPT_TRANSITIONS; returns its id. */
export async function appendTransition(
  tx: EntityManager,
  userId: string,
  change: { from: CompanionMode; to: CompanionMode; reason: string },
  at: Date,
): Promise<number> {
  const created = tx.create(ModeTransitionEntity, { userId, ...change, reason: change.reason.slice(0, 200), at });
  await tx.flush();
  const [oldestKept] = await tx.find(
    ModeTransitionEntity,
    { userId },
    { orderBy: { id: 'desc' }, offset: MAX_KEPT_TRANSITIONS - 1, limit: 1, fields: ['id'] },
  );
  if (oldestKept) await tx.nativeDelete(ModeTransitionEntity, { userId, id: { $lt: oldestKept.id } });
  return created.id;
}
