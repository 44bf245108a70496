import { openMapped } from '@miyu/db/encryption/field-cipher-subscriber';
import type { EntityManager } from '@mikro-orm/core';
import { encodeCursor, type PageInfo } from '@miyu/graphql/pagination';
import type { Keyset } from '@miyu/graphql/ids';
import { type MessageRow, MessageEntity } from './message.entity.ts';

/** One `Conversation.messages(last, before)` request. */
export interface MessagePageKey {
  conversationId: string;
  last: number;
  before: Keyset | null;
}

export interface MessagePage {
  /** Chronological: oldest first within the page. */
  nodes: MessageRow[];
  pageInfo: PageInfo;
}

export const messagePageCacheKey = (key: MessagePageKey): string =>
  [key.conversationId, key.last, key.before?.createdAt.toISOString() ?? '', key.before?.id ?? ''].join('|');

/**
 * Loads many message pages in ONE statement: the requests become a VALUES list and a LATERAL
 * subquery takes, per request, the newest `last + 1` messages before its cursor. Unlike a
 * row_number() window over whole conversations, each LATERAL branch walks the
 * (conversation_id, created_at, id) index backwards and stops after `last + 1` rows, so long
 * conversations cost no more than short ones. The extra row only answers hasPreviousPage.
 * `user_id` in the WHERE keeps another user's messages out even for a guessed conversation id.
 */
export async function loadMessagePages(
  em: EntityManager,
  userId: string,
  keys: readonly MessagePageKey[],
): Promise<MessagePage[]> {
  const values = keys
    .map(() => '(cast(? as int), cast(? as uuid), cast(? as timestamptz), cast(? as uuid), cast(? as int))')
    .join(', ');
  const params = keys.flatMap((key, k) => [
    k,
    key.conversationId,
    key.before?.createdAt.toISOString() ?? null,
    key.before?.id ?? null,
    key.last,
  ]);
  const sql = `with req (k, conversation_id, before_at, before_id, lim) as (values ${values})
    select req.k as req_k, m.* from req cross join lateral (
      select * from ${messagesTable(em)} msg
      where msg.conversation_id = req.conversation_id and msg.user_id = cast(? as uuid)
        and (req.before_at is null or (msg.created_at, msg.id) < (req.before_at, req.before_id))
      order by msg.created_at desc, msg.id desc
      limit req.lim + 1
    ) m`;
  const rows: Array<Record<string, unknown>> = await em
    .getConnection()
    .execute(sql, [...params, userId], 'all', em.getTransactionContext());
  const newestFirst = keys.map((): MessageRow[] => []);
  // raw rows hold sealed text: em.map fires no onLoad, openMapped opens them
  for (const { req_k, ...data } of rows) newestFirst[Number(req_k)]?.push(...openMapped(em, [em.map(MessageEntity, data)]));
  return keys.map((key, k) => toPage(key, newestFirst[k] ?? []));
}

/** Turns up to `last + 1` rows (newest first) into a chronological page. */
export function toPage(key: MessagePageKey, newestFirst: readonly MessageRow[]): MessagePage {
  const nodes = newestFirst.slice(0, key.last).reverse();
  const cursorOf = (message: MessageRow) => encodeCursor(message.createdAt, message.id);
  const oldest = nodes[0];
  const newest = nodes.at(-1);
  return {
    nodes,
    pageInfo: {
      hasPreviousPage: newestFirst.length > key.last,
      // Paging backwards from a cursor: the cursor's own message and anything after it are newer.
      hasNextPage: key.before !== null,
      startCursor: oldest ? cursorOf(oldest) : null,
      endCursor: newest ? cursorOf(newest) : null,
    },
  };
}

/** Raw SQL must name the subgraph's schema itself (PostgreSQL mode gives each subgraph one). */
function messagesTable(em: EntityManager): string {
  const meta = em.getMetadata(MessageEntity);
  const schema = meta.schema ?? em.config.get('schema');
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return schema ? `${quote(schema)}.${quote(meta.tableName)}` : quote(meta.tableName);
}
