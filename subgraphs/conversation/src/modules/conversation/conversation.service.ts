import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { encodeCursor, type PageInfo, pageSize } from '@miyu/graphql/pagination';
import { validate } from '@miyu/graphql/validate';
import { z } from 'zod';
import { decodeUuidCursor } from '@miyu/graphql/ids';
import { stageOutboxEvent } from '../outbox/outbox.service.ts';
import { type ConversationRow, ConversationEntity, PLATFORMS } from './conversation.entity.ts';

/** A conversation's title: a blank one is the same as none (clients show a placeholder). */
export const conversationTitle = z
  .string()
  .trim()
  .max(200, 'must be at most 200 characters')
  .nullish()
  .transform((title) => title || null);

const startInput = z.object({
  platform: z.enum(PLATFORMS),
  title: conversationTitle,
});

export interface ConversationPage {
  nodes: ConversationRow[];
  pageInfo: PageInfo;
}

export async function startConversation(em: EntityManager, userId: string, input: unknown): Promise<ConversationRow> {
  const { platform, title } = validate(startInput, input);
  const now = new Date();
  const conversation = em.create(ConversationEntity, {
    id: randomUUID(),
    userId,
    platform,
    title,
    createdAt: now,
    lastMessageAt: now,
  });
  stageOutboxEvent(em, 'conversation.started', { userId, conversationId: conversation.id, platform, title }, now);
  await em.flush();
  return conversation;
}

/**
 * A user's conversations, most recently active first (lastMessageAt desc, id desc), as a keyset
 * page: the cursor carries (lastMessageAt, id). A conversation that gets a new message moves to
 * the front, so a client paging at that moment may see it again on page one; it never skips one.
 */
export async function listConversations(
  em: EntityManager,
  userId: string,
  args: { first?: number | null; after?: string | null },
): Promise<ConversationPage> {
  const first = pageSize(args.first, 20);
  const after = decodeUuidCursor(args.after);
  const keyset = after
    ? { $or: [{ lastMessageAt: { $lt: after.createdAt } }, { lastMessageAt: after.createdAt, id: { $lt: after.id } }] }
    : {};
  const rows = await em.find(
    ConversationEntity,
    { userId, ...keyset },
    { orderBy: [{ lastMessageAt: 'desc' }, { id: 'desc' }], limit: first + 1 },
  );
  const nodes = rows.slice(0, first);
  const cursorOf = (row: ConversationRow) => encodeCursor(row.lastMessageAt, row.id);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
      startCursor: nodes[0] ? cursorOf(nodes[0]) : null,
      endCursor: nodes.at(-1) ? cursorOf(nodes.at(-1) as ConversationRow) : null,
    },
  };
}
