import type { EntityManager } from '@mikro-orm/core';
import { sealColumn } from '@miyu/db/encryption/field-cipher-subscriber';
import { validate } from '@miyu/graphql/validate';
import { z } from 'zod';
import { tableOf } from '../../db-table.ts';
import { ConversationSummaryEntity, type ConversationSummaryRow } from './conversation-summary.entity.ts';

const input = z.object({
  userId: z.uuid(),
  conversationId: z.uuid(),
  // the stored rolling state: the summary and the recent turns' key sentences (summary-state.ts)
  summary: z.string().trim().min(1, 'must not be empty').max(32_000, 'must be at most 32000 characters'),
});

/**
 * For the extraction pipeline (issue 3): creates or replaces a conversation's summary.
 * A conversation belongs to one user; a row already held by another user is left untouched
 * (the conflict update is guarded by user_id), so a wrong caller cannot take it over.
 */
export async function upsertConversationSummary(
  em: EntityManager,
  userId: string,
  conversationId: string,
  summary: string,
): Promise<ConversationSummaryRow | null> {
  const valid = validate(input, { userId, conversationId, summary });
  const rows = await em.getConnection().execute<Array<Record<string, unknown>>>(
    `insert into ${tableOf(em, ConversationSummaryEntity)} as conversation_summaries (conversation_id, user_id, summary, updated_at) values (?, ?, ?, ?)
     on conflict (conversation_id) do update set summary = excluded.summary, updated_at = excluded.updated_at
     where conversation_summaries.user_id = excluded.user_id
     returning *`,
    // sealed here: the subscriber never sees a raw insert (the returned row is opened where it is mapped)
    [
      valid.conversationId,
      valid.userId,
      sealColumn(em, 'ConversationSummary', 'summary', valid.userId, valid.summary),
      new Date(),
    ],
    'all',
    // part of a caller's em.transactional() when there is one
    em.getTransactionContext(),
  );
  const [row] = rows;
  return row ? em.map(ConversationSummaryEntity, row as never) : null;
}
