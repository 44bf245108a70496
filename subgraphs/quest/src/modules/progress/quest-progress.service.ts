import { randomUUID } from 'node:crypto';
import { checkedPayload } from '@miyu/events/catalog/event-catalog';
import { type EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { errors } from '@miyu/platform/errors';
import type { QuestCatalog, QuestDefinition } from '../catalog/catalog.types.ts';
import { QuestEventOutboxEntity } from '../events/quest-event.entity.ts';
import { ProgressionEntity } from '../progression/progression.entity.ts';
import { streakFor } from '../progression/progression.service.ts';
import { utcDay } from '../progression/utc-day.ts';
import { findVisibleProgress } from './quest-progress.loader.ts';
import { QuestProgressEntity, type QuestProgressRow } from './quest-progress.entity.ts';
import { applyEvent, emptyCounts, isComplete, periodKeyFor, type QuestStatus, resolveQuestView } from './quest-rules.ts';

/** One quest as one user sees it; `row` is null while the quest was never accepted. */
export interface QuestProgressView {
  userId: string;
  quest: QuestDefinition;
  status: QuestStatus;
  row: QuestProgressRow | null;
}

export function createQuestProgressService(catalog: QuestCatalog, now: () => Date) {
  const questOrNotFound = (questId: string) =>
    catalog.byId.get(questId) ??
    (() => {
      throw errors.notFound('Quest');
    })();

  async function viewOf(em: EntityManager, userId: string, quest: QuestDefinition, at: Date): Promise<QuestProgressView> {
    const rows = (await findVisibleProgress(em, [userId], at)).filter((row) => row.questId === quest.id);
    return { userId, quest, ...resolveQuestView(quest, rows, at) };
  }

  /** Starts a quest for the current period; returns the existing progress while one is open. */
  async function accept(em: EntityManager, userId: string, questId: string): Promise<QuestProgressView> {
    const quest = questOrNotFound(questId);
    const at = now();
    const view = await viewOf(em, userId, quest, at);
    if (view.status === 'ACTIVE' || view.status === 'COMPLETED') return view;
    if (view.status === 'CLAIMED') {
      throw errors.conflict(
        quest.kind === 'daily'
          ? `Quest "${quest.title}" was already completed today; accept it again tomorrow.`
          : `Quest "${quest.title}" was already completed and cannot be repeated.`,
      );
    }
    const periodKey = periodKeyFor(quest, at);
    // A new day supersedes an unfinished older one, so at most one past row per quest stays open.
    if (quest.kind === 'daily') {
      await em.nativeUpdate(
        QuestProgressEntity,
        { userId, questId, status: 'ACTIVE', periodKey: { $lt: periodKey } },
        { status: 'EXPIRED' },
      );
    }
    const hasStreak = quest.objectives.some((objective) => objective.event === 'streak.day');
    const counts = applyEvent(
      quest,
      emptyCounts(quest),
      'quest.accepted',
      hasStreak ? await streakFor(em, userId, utcDay(at)) : 0,
    ).counts;
    const done = isComplete(quest, counts);
    try {
      await em.insert(QuestProgressEntity, {
        id: randomUUID(),
        userId,
        questId,
        periodKey,
        status: done ? 'COMPLETED' : 'ACTIVE',
        objectives: counts,
        acceptedAt: at,
        completedAt: done ? at : null,
        claimedAt: null,
      });
    } catch (error) {
      // a concurrent accept won the race: answer with its row
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
    return viewOf(em, userId, quest, at);
  }

  const notClaimable: Record<Exclude<QuestStatus, 'COMPLETED'>, (title: string) => string> = {
    AVAILABLE: (title) => `Quest "${title}" has not been accepted.`,
    ACTIVE: (title) => `Quest "${title}" is not completed yet.`,
    CLAIMED: (title) => `The reward of quest "${title}" was already claimed.`,
    EXPIRED: (title) => `Quest "${title}" expired before it was completed.`,
  };

  /** Pays a completed quest's reward once: the status flip is conditional, in one transaction. */
  async function claim(em: EntityManager, userId: string, questId: string): Promise<QuestProgressView> {
    const quest = questOrNotFound(questId);
    const at = now();
    const view = await viewOf(em, userId, quest, at);
    if (view.status !== 'COMPLETED' || !view.row)
      throw errors.conflict(notClaimable[view.status as Exclude<QuestStatus, 'COMPLETED'>](quest.title));
    const row = view.row;
    await em.transactional(async (tx) => {
      const flipped = await tx.nativeUpdate(
        QuestProgressEntity,
        { id: row.id, userId, status: 'COMPLETED' },
        { status: 'CLAIMED', claimedAt: at },
      );
      if (flipped !== 1) throw errors.conflict(notClaimable.CLAIMED(quest.title));
      await tx.upsert(
        ProgressionEntity,
        { userId, xp: 0, badges: [], updatedAt: at },
        { onConflictFields: ['userId'], onConflictAction: 'ignore' },
      );
      const progression = await tx.findOneOrFail(
        ProgressionEntity,
        { userId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      progression.xp += quest.reward.xp;
      const badge = quest.reward.badge;
      if (badge && !progression.badges.includes(badge)) progression.badges = [...progression.badges, badge];
      progression.updatedAt = at;
      tx.create(QuestEventOutboxEntity, {
        id: randomUUID(),
        userId,
        type: 'quest.reward_claimed',
        payload: checkedPayload('quest.reward_claimed', {
          questId,
          periodKey: row.periodKey,
          xp: quest.reward.xp,
          affinity: quest.reward.affinity,
          badge: badge ?? null,
        }),
        createdAt: at,
        publishedAt: null,
      });
    });
    return { ...view, status: 'CLAIMED', row: { ...row, status: 'CLAIMED', claimedAt: at } };
  }

  return { accept, claim };
}

export type QuestProgressService = ReturnType<typeof createQuestProgressService>;
