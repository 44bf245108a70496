import { type EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { validate } from '@miyu/graphql/validate';
import { z } from 'zod';
import type { QuestCatalog } from '../catalog/catalog.types.ts';
import { LONG_RUNNING_PERIOD, QuestProgressEntity } from '../progress/quest-progress.entity.ts';
import { applyEvent, isComplete } from '../progress/quest-rules.ts';
import { ActivityDayEntity } from '../progression/progression.entity.ts';
import { streakFor } from '../progression/progression.service.ts';
import { utcDay } from '../progression/utc-day.ts';
import { ProcessedEventEntity } from './quest-event.entity.ts';

/** Something a user did, reported by another subgraph (message sent, memory created, ...). */
export interface QuestEvent {
  id: string;
  type: string;
  at: Date;
}

export interface RecordEventResult {
  /** False when this event id was recorded before (nothing changed). */
  applied: boolean;
  /** Ids of the quests this event completed. */
  completedQuestIds: string[];
  /** Ids of the quests whose progress this event advanced (the completed ones included). */
  changedQuestIds: string[];
}

const inputSchema = z.object({
  userId: z.uuid(),
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(64),
  at: z.date().refine((at) => !Number.isNaN(at.getTime()), 'must be a valid date'),
});

export function createEventRecorder(catalog: QuestCatalog) {
  /**
   * Records the event's UTC day as an active day and advances the user's ACTIVE quests of that
   * period (daily quests of the event's day, long-running ones). Idempotent on the event id:
   * the processed_events insert comes first, so a replay fails it and rolls everything back.
   */
  async function recordEvent(em: EntityManager, userId: string, event: QuestEvent): Promise<RecordEventResult> {
    validate(inputSchema, { userId, ...event });
    const day = utcDay(event.at);
    try {
      return await em.transactional(async (tx) => {
        await tx.insert(ProcessedEventEntity, { eventId: event.id, userId, processedAt: new Date() });
        await tx.upsert(ActivityDayEntity, { userId, day }, { onConflictFields: ['userId', 'day'], onConflictAction: 'ignore' });
        const rows = await tx.find(
          QuestProgressEntity,
          { userId, status: 'ACTIVE', periodKey: { $in: [LONG_RUNNING_PERIOD, day] } },
          { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
        );
        let streak: number | undefined;
        const completedQuestIds: string[] = [];
        const changedQuestIds: string[] = [];
        for (const row of rows) {
          const quest = catalog.byId.get(row.questId);
          if (!quest) continue; // retired from the catalog
          if (quest.objectives.some((objective) => objective.event === 'streak.day')) streak ??= await streakFor(tx, userId, day);
          const { counts, changed } = applyEvent(quest, row.objectives, event.type, streak ?? 0);
          if (!changed) continue;
          changedQuestIds.push(quest.id);
          row.objectives = counts;
          if (isComplete(quest, counts)) {
            row.status = 'COMPLETED';
            row.completedAt = event.at;
            completedQuestIds.push(quest.id);
          }
        }
        return { applied: true, completedQuestIds, changedQuestIds };
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        return { applied: false, completedQuestIds: [], changedQuestIds: [] };
      throw error;
    }
  }

  return { recordEvent };
}

export type EventRecorder = ReturnType<typeof createEventRecorder>;
