import type { EntityManager } from '@mikro-orm/core';
import { tableOf } from '../../db-table.ts';
import { MemoryEntity } from '../memory/memory.entity.ts';
import { MemoryTermEntity } from './memory-term.entity.ts';

/** Okapi BM25 parameters (the usual defaults; the evaluation's dev split agreed). */
export const BM25 = { k1: 1.2, b: 0.75 } as const;

/**
 * Okapi BM25 in SQL that PostgreSQL and PGlite both run: document frequencies, the number of
 * memories and their average length are the person's own (IDF over their memories, not everyone's);
 * term frequency saturates with k1, length normalisation is b. Reads only the posting rows of the
 * query's terms for this person (primary key prefix user_id, term) and the covering index of lengths.
 */
const sql = (terms: string, memories: string, limit: number) => `
with q(term) as (select distinct jsonb_array_elements_text(?::jsonb)),
stats as (select count(*)::float8 as n, coalesce(avg(doc_length), 1)::float8 as avgdl from ${memories} where user_id = ?),
postings as (select t.term, t.memory_id, t.tf from ${terms} t join q on q.term = t.term where t.user_id = ?),
df as (select term, count(*)::float8 as df from postings group by term)
select p.memory_id as id, sum(
    ln(1 + (s.n - df.df + 0.5) / (df.df + 0.5))
    * p.tf * ${BM25.k1 + 1} / (p.tf + ${BM25.k1} * (1 - ${BM25.b} + ${BM25.b} * m.doc_length / greatest(s.avgdl, 1)))
  ) as score
from postings p join df on df.term = p.term join ${memories} m on m.id = p.memory_id cross join stats s
group by p.memory_id
order by score desc, p.memory_id
limit ${limit}`;

export async function bm25Candidates(em: EntityManager, userId: string, terms: string[], limit: number) {
  if (terms.length === 0) return [];
  const rows: Array<{ id: string; score: number | string }> = await em
    .getConnection()
    .execute(sql(tableOf(em, MemoryTermEntity), tableOf(em, MemoryEntity), limit), [JSON.stringify(terms), userId, userId]);
  return rows.map((row) => ({ id: row.id, score: Number(row.score) }));
}
