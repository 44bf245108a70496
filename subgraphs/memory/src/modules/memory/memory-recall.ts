import type { EntityManager } from '@mikro-orm/core';
import { validate } from '@miyu/graphql/validate';
import { z } from 'zod';
import { MemoryEntity, type MemoryRow } from './memory.entity.ts';
import { toOrTsQuery } from './memory-content.ts';
import { tableOf } from '../../db-table.ts';

/**
 * Recall score, every part in 0..1:
 *   score = 0.6 * relevance + 0.25 * importance + 0.15 * recency
 *   relevance = ts_rank_cd(doc, query, 1) / max(ts_rank_cd) over this user's matches
 *               (normalisation 1 divides by 1 + log(document length), so long texts do not win by size)
 *   recency   = 0.5 ^ (age of updated_at / 30 days)   (exponential decay, 30-day half-life)
 * Relevance is relative to the best match so the lexical part always spans the full 0..1 range
 * (raw ts_rank_cd values are small and unbounded). Only memories with lexical rank > 0 are
 * candidates: with no lexical match the answer is empty rather than a keyword ILIKE guess,
 * since the reply pipeline prefers no memory to an unrelated one.
 */
export const RECALL_WEIGHTS = { relevance: 0.6, importance: 0.25, recency: 0.15 } as const;
export const RECENCY_HALF_LIFE_SECONDS = 30 * 24 * 3600;
/** Lexical candidates considered per query before the blend; bounds the work for huge histories. */
const CANDIDATES = 200;

const recallInput = z.object({
  query: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
  limit: z.number().int().min(1, 'must be at least 1').max(20, 'must be at most 20'),
});

export interface RecalledMemory {
  memory: MemoryRow;
  score: number;
}

// The expression matches the GIN index memories_content_fts_index exactly, so the index applies.
// `user_id = ?` sits in the innermost query: another user's rows never become candidates.
const recallSql = (table: string) => `
with matched as (
  select m.*, ts_rank_cd(to_tsvector('english', m.content), q.query, 1) as rank
  from ${table} m, to_tsquery('english', ?) as q(query)
  where m.user_id = ? and to_tsvector('english', m.content) @@ q.query
  order by rank desc
  limit ${CANDIDATES}
), scored as (
  select matched.*,
    ${RECALL_WEIGHTS.relevance} * (rank / nullif(max(rank) over (), 0))
    + ${RECALL_WEIGHTS.importance} * importance
    + ${RECALL_WEIGHTS.recency} * exp(-ln(2) * greatest(extract(epoch from (?::timestamptz - updated_at)), 0) / ${RECENCY_HALF_LIFE_SECONDS})
    as score
  from matched
  where rank > 0
)
select * from scored order by score desc, updated_at desc, id asc limit ?`;

/** Ranks the caller's memories for a free-text query (see the formula above). */
export async function recallMemories(
  em: EntityManager,
  userId: string,
  args: { query: string; limit: number },
  now = new Date(),
): Promise<RecalledMemory[]> {
  const { query, limit } = validate(recallInput, args);
  const tsQuery = toOrTsQuery(query);
  if (!tsQuery) return [];
  const rows: Array<Record<string, unknown>> = await em
    .getConnection()
    .execute(recallSql(tableOf(em, MemoryEntity)), [tsQuery, userId, now, limit]);
  return rows.map(({ rank: _rank, score, ...columns }) => ({
    memory: em.map(MemoryEntity, columns as never),
    score: Math.round(Number(score) * 1e6) / 1e6,
  }));
}
