import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { isUuid } from '../memory/memory.service.ts';
import { ConversationSummaryEntity } from './conversation-summary.entity.ts';
import { renderSummary } from './summary-state.ts';

/** Batches summary look-ups; rows of other users are filtered out in the SQL itself. */
export function createSummaryLoaders(em: EntityManager, userId: string | null) {
  return {
    summaryByConversation: new DataLoader<string, string | null>(async (ids) => {
      const wanted = ids.filter(isUuid);
      const rows =
        userId && wanted.length > 0 ? await em.find(ConversationSummaryEntity, { conversationId: { $in: wanted }, userId }) : [];
      const byId = new Map(rows.map((row) => [row.conversationId, renderSummary(row.summary)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type SummaryLoaders = ReturnType<typeof createSummaryLoaders>;
