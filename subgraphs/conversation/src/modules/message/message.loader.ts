import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { isUuid } from '@miyu/graphql/ids';
import { type MessageRow, MessageEntity } from './message.entity.ts';
import { loadMessagePages, type MessagePage, type MessagePageKey, messagePageCacheKey } from './message-page.ts';

/** Per-request message loaders; only the caller's rows are ever loaded. */
export function createMessageLoaders(em: EntityManager, userId: string | null) {
  return {
    messageById: new DataLoader<string, MessageRow | null>(async (ids) => {
      const wanted = ids.filter(isUuid).map((id) => id.toLowerCase());
      if (!userId || wanted.length === 0) return ids.map(() => null);
      const rows = await em.find(MessageEntity, { id: { $in: wanted }, userId });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
    /** Conversation.messages for every conversation in the response, in one statement. */
    messagePage: new DataLoader<MessagePageKey, MessagePage, string>(
      async (keys) => {
        if (!userId) return keys.map((key) => ({ nodes: [], pageInfo: emptyPageInfo(key) }));
        return loadMessagePages(em, userId, keys);
      },
      { cacheKeyFn: messagePageCacheKey },
    ),
  };
}

const emptyPageInfo = (key: MessagePageKey) => ({
  hasPreviousPage: false,
  hasNextPage: key.before !== null,
  startCursor: null,
  endCursor: null,
});

export type MessageLoaders = ReturnType<typeof createMessageLoaders>;
