import type { EntityManager } from '@mikro-orm/core';
import { validate } from '@miyu/graphql/validate';
import { withSpan } from '@miyu/platform/tracing/spans';
import { z } from 'zod';
import { bm25Candidates } from '../lexical/bm25-candidates.ts';
import { englishStemmer } from '../lexical/english-stemmer.ts';
import { termsOf } from '../lexical/text-terms.ts';
import { MemoryEntity, type MemoryRow } from './memory.entity.ts';
import { MAX_QUERY_TERMS } from './memory-content.ts';
import { askedSlots } from './memory-slot.ts';
import { semanticCandidates } from '../embedding/memory-embeddings.service.ts';
import { type Embedder, sharedSifEmbedder } from '../embedding/sif-embedder.ts';
import { tableOf } from '../../db-table.ts';
import { queryTime } from './query-time.ts';

/**
 * Recall score, every part in 0..1:
 *   score = 0.6 * relevance + 0.25 * importance + 0.15 * recency (+ recalled, see below)
 *   relevance = reciprocal-rank fusion of two lists over the person's own current memories,
 *     lexical (BM25: stemmed, stop words dropped, per-person IDF) and semantic (cosine of the
 *     embeddings), each memory getting sum of weight / (k + rank) over the lists it is in,
 *     relative to the best candidate's; × questionFactor for a memory that is itself a question
 *     (it asks, it does not tell); + monthBoost when the query names the month it happened in
 *     (or spanBoost when it happened within a span it names: "last week", "yesterday");
 *     + latestBoost × how late it happened among the candidates when the query asks about now
 *   recency   = 0.5 ^ (age of updated_at / 30 days)   (refreshed when the memory is said again)
 *   recalled  = recalledWeight × log(1 + times recalled) / log(1 + 10), capped at 1
 *     (Generative Agents' recency × importance × relevance, plus how often it proved useful)
 * A memory sharing no content word with the query is a candidate only when its cosine is above
 * semanticFloor: the reply pipeline prefers no memory to an unrelated one. k, the weights and
 * the boosts were chosen on the evaluation's dev split (bench/memory-eval/tune.ts), never on the
 * held-out one.
 */
export const RECALL_WEIGHTS = { relevance: 0.6, importance: 0.25, recency: 0.15 } as const;
export const RELEVANCE_TUNING = {
  /** RRF's rank constant (60 in Cormack et al.; small k trusts the top ranks more). */
  rrfK: 2,
  /** Weight of the lexical list in the fusion. */
  lexicalWeight: 1,
  /** Weight of the semantic list in the fusion. */
  semanticWeight: 0.5,
  /** Semantic candidates taken by cosine (top of the list). */
  semanticDepth: 10,
  /** A memory that shares no word with the query is a candidate only above this cosine. */
  semanticFloor: 0.3,
  questionFactor: 0.5,
  monthBoost: 1,
  /** Added when it happened within the span a relative date in the query names ("last week"); set equal to monthBoost, not tuned. */
  spanBoost: 1,
  latestBoost: 0,
  /** Weight of the list of current memories of the slot the question asks about ("where do I live now?"). */
  slotWeight: 2,
  /** Weight of how often a memory was recalled before. */
  recalledWeight: 0.05,
};
export type RelevanceTuning = typeof RELEVANCE_TUNING;
export const RECENCY_HALF_LIFE_SECONDS = 30 * 24 * 3600;
/** Lexical candidates considered per query before the blend; bounds the work for huge histories. */
const CANDIDATES = 200;
/** Fused candidates whose rows are read for the time boosts and the final score. */
const FUSED_CANDIDATES = 60;

const recallInput = z.object({
  query: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
  limit: z.number().int().min(1, 'must be at least 1').max(20, 'must be at most 20'),
});

export interface RecalledMemory {
  memory: MemoryRow;
  score: number;
}

const happenedAt = (memory: MemoryRow): number => (memory.occurredAt ?? memory.createdAt).getTime();
const RECALLED_SATURATION = Math.log(1 + 10);

/**
 * Reciprocal-rank fusion: each id gets sum of weight / (k + rank) over the lists it is in (each
 * list best first); equal scores share a rank, so a tie in one list stays a tie after fusion.
 */
export function fuseRanks(
  lists: Array<{ ranked: Array<{ id: string; score: number }>; weight: number }>,
  k: number,
): Array<{ id: string; score: number }> {
  const fused = new Map<string, number>();
  for (const { ranked, weight } of lists) {
    let rank = 0;
    for (const [index, { id, score }] of ranked.entries()) {
      if (index === 0 || score !== ranked[index - 1]?.score) rank = index + 1;
      fused.set(id, (fused.get(id) ?? 0) + weight / (k + rank));
    }
  }
  return [...fused].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

export interface RecallOptions {
  now?: Date;
  tuning?: RelevanceTuning;
  embedder?: Embedder;
  /** Count this recall in the memories it returns (off for the tuning script's repeated runs). */
  countRecall?: boolean;
}

/** Ranks the caller's current memories for a free-text query (see the formula above), as a span. */
export function recallMemories(
  em: EntityManager,
  userId: string,
  args: { query: string; limit: number },
  options: RecallOptions = {},
): Promise<RecalledMemory[]> {
  return withSpan('memory recall', { attributes: { 'miyu.recall.limit': args.limit } }, async (span) => {
    const found = await rankMemories(em, userId, args, options);
    span.setAttribute('miyu.recall.found', found.length);
    return found;
  });
}

async function rankMemories(
  em: EntityManager,
  userId: string,
  args: { query: string; limit: number },
  options: RecallOptions,
): Promise<RecalledMemory[]> {
  const { now = new Date(), tuning = RELEVANCE_TUNING, embedder = sharedSifEmbedder(), countRecall = true } = options;
  const { query, limit } = validate(recallInput, args);
  const terms = [...termsOf(query, englishStemmer()).terms.keys()].slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return [];
  const [lexical, semantic, slotted] = await Promise.all([
    bm25Candidates(em, userId, terms, CANDIDATES),
    semanticCandidates(em, embedder, userId, query, tuning.semanticDepth),
    currentOfSlots(em, userId, askedSlots(query)),
  ]);
  const lexicalIds = new Set(lexical.map((c) => c.id));
  // a memory with no word of the query must be very close in meaning to be a candidate at all
  const close = semantic.filter((c) => lexicalIds.has(c.id) || c.score >= tuning.semanticFloor);
  const ranked = fuseRanks(
    [
      { ranked: lexical, weight: tuning.lexicalWeight },
      { ranked: close, weight: tuning.semanticWeight },
      { ranked: slotted, weight: tuning.slotWeight },
    ],
    tuning.rrfK,
  );
  if (ranked.length === 0) return [];
  // only the best fused candidates are read and boosted (bounds the work for large histories)
  ranked.splice(FUSED_CANDIDATES);
  const rows = await em.find(MemoryEntity, { id: { $in: ranked.map((c) => c.id) }, userId, supersededAt: null });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const time = queryTime(query, now);
  const times = rows.map(happenedAt);
  const [earliest, latest] = [Math.min(...times), Math.max(...times)];
  const raw = ranked.flatMap(({ id, score }) => {
    const memory = byId.get(id);
    if (!memory) return [];
    let relevance = score;
    if (memory.content.trimEnd().endsWith('?')) relevance *= tuning.questionFactor;
    const at = happenedAt(memory);
    const scale = ranked[0]?.score ?? 1;
    if (time.months.has(new Date(at).getUTCMonth())) relevance += tuning.monthBoost * scale;
    else if (time.span && at >= time.span.start.getTime() && at <= time.span.end.getTime()) relevance += tuning.spanBoost * scale;
    if (time.recent && latest > earliest) relevance += (tuning.latestBoost * scale * (at - earliest)) / (latest - earliest);
    return [{ memory, relevance }];
  });
  const top = Math.max(...raw.map((r) => r.relevance), Number.MIN_VALUE);
  const scored = raw.map(({ memory, relevance }) => {
    const age = Math.max(now.getTime() - memory.updatedAt.getTime(), 0) / 1000;
    const recalled = Math.min(Math.log(1 + memory.recallCount) / RECALLED_SATURATION, 1);
    const score =
      RECALL_WEIGHTS.relevance * (relevance / top) +
      RECALL_WEIGHTS.importance * memory.importance +
      RECALL_WEIGHTS.recency * 0.5 ** (age / RECENCY_HALF_LIFE_SECONDS) +
      tuning.recalledWeight * recalled;
    return { memory, score: Math.round(Math.min(score, 1) * 1e6) / 1e6 };
  });
  const top10 = scored
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.memory.updatedAt.getTime() - a.memory.updatedAt.getTime() ||
        a.memory.id.localeCompare(b.memory.id),
    )
    .slice(0, limit);
  if (countRecall)
    await countRecalls(
      em,
      top10.map((r) => r.memory.id),
    );
  return top10;
}

/** The current memory of each slot asked about, latest first (memory-slot.ts). */
async function currentOfSlots(em: EntityManager, userId: string, slots: string[]) {
  if (slots.length === 0) return [];
  const rows = await em.find(
    MemoryEntity,
    { userId, slot: { $in: slots }, supersededAt: null },
    { fields: ['id', 'occurredAt', 'createdAt'], orderBy: { createdAt: 'desc' }, limit: 10 },
  );
  return rows.map((row) => ({ id: row.id, score: (row.occurredAt ?? row.createdAt).getTime() }));
}

/** Each returned memory was recalled once more (feeds the `recalled` part of later recalls). */
async function countRecalls(em: EntityManager, ids: string[]) {
  if (ids.length === 0) return;
  await em
    .getConnection()
    .execute(
      `update ${tableOf(em, MemoryEntity)} set recall_count = recall_count + 1, last_recalled_at = now() where id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
      [JSON.stringify(ids)],
      'run',
      em.getTransactionContext(),
    );
}
