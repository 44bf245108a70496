import type { EntityManager } from '@mikro-orm/core';
import { validate } from '@miyu/graphql/validate';
import { z } from 'zod';
import { bm25Candidates } from '../lexical/bm25-candidates.ts';
import { englishStemmer } from '../lexical/english-stemmer.ts';
import { termsOf } from '../lexical/text-terms.ts';
import { MemoryEntity, type MemoryRow } from './memory.entity.ts';
import { MAX_QUERY_TERMS } from './memory-content.ts';
import { queryTime } from './query-time.ts';

/**
 * Recall score, every part in 0..1:
 *   score = 0.6 * relevance + 0.25 * importance + 0.15 * recency
 *   relevance = the memory's evidence for the query relative to the best candidate's:
 *     BM25 over the person's own memories (stemmed, stop words dropped), × QUESTION_FACTOR for a
 *     memory that is itself a question (it asks, it does not tell), + MONTH_BOOST when the query
 *     names the month it happened in, + LATEST_BOOST × how late it happened among the candidates
 *     when the query asks about now or the latest time
 *   recency   = 0.5 ^ (age of updated_at / 30 days)   (refreshed when the memory is said again)
 * Only memories sharing a content word with the query are candidates: the reply pipeline prefers
 * no memory to an unrelated one. The boosts were chosen on the evaluation's dev split
 * (bench/memory-eval), never on the held-out one.
 */
export const RECALL_WEIGHTS = { relevance: 0.6, importance: 0.25, recency: 0.15 } as const;
export const RELEVANCE_TUNING = { questionFactor: 0.5, monthBoost: 0.6, latestBoost: 0.5 };
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

const happenedAt = (memory: MemoryRow): number => (memory.occurredAt ?? memory.createdAt).getTime();

/** Ranks the caller's memories for a free-text query (see the formula above). */
export async function recallMemories(
  em: EntityManager,
  userId: string,
  args: { query: string; limit: number },
  now = new Date(),
  tuning = RELEVANCE_TUNING,
): Promise<RecalledMemory[]> {
  const { query, limit } = validate(recallInput, args);
  const terms = [...termsOf(query, englishStemmer()).terms.keys()].slice(0, MAX_QUERY_TERMS);
  const lexical = await bm25Candidates(em, userId, terms, CANDIDATES);
  if (lexical.length === 0) return [];
  const rows = await em.find(MemoryEntity, { id: { $in: lexical.map((c) => c.id) }, userId });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const time = queryTime(query);
  const times = rows.map(happenedAt);
  const [earliest, latest] = [Math.min(...times), Math.max(...times)];
  const best = lexical[0]?.score ?? 1;
  const raw = lexical.flatMap(({ id, score }) => {
    const memory = byId.get(id);
    if (!memory) return [];
    let relevance = score / best;
    if (memory.content.trimEnd().endsWith('?')) relevance *= tuning.questionFactor;
    const at = happenedAt(memory);
    if (time.months.has(new Date(at).getUTCMonth())) relevance += tuning.monthBoost;
    if (time.recent && latest > earliest) relevance += (tuning.latestBoost * (at - earliest)) / (latest - earliest);
    return [{ memory, relevance }];
  });
  const top = Math.max(...raw.map((r) => r.relevance), Number.MIN_VALUE);
  const scored = raw.map(({ memory, relevance }) => {
    const age = Math.max(now.getTime() - memory.updatedAt.getTime(), 0) / 1000;
    const score =
      RECALL_WEIGHTS.relevance * (relevance / top) +
      RECALL_WEIGHTS.importance * memory.importance +
      RECALL_WEIGHTS.recency * 0.5 ** (age / RECENCY_HALF_LIFE_SECONDS);
    return { memory, score: Math.round(score * 1e6) / 1e6 };
  });
  return scored
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.memory.updatedAt.getTime() - a.memory.updatedAt.getTime() ||
        a.memory.id.localeCompare(b.memory.id),
    )
    .slice(0, limit);
}
