import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { isUuid } from '@miyu/graphql/ids';
import { type ConversationRow, ConversationEntity } from './conversation.entity.ts';

/**
 * Batches conversation look-ups per request. Only the caller's rows are ever loaded (the
 * filter is in the SQL), so a foreign id and a missing one both read as null.
 */
export function createConversationLoaders(em: EntityManager, userId: string | null) {
  return {
    conversationById: new DataLoader<string, ConversationRow | null>(async (ids) => {
      const wanted = ids.filter(isUuid).map((id) => id.toLowerCase());
      if (!userId || wanted.length === 0) return ids.map(() => null);
      const rows = await em.find(ConversationEntity, { id: { $in: wanted }, userId });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
  };
}

export type ConversationLoaders = ReturnType<typeof createConversationLoaders>;
