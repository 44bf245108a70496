import type { EntityManager } from '@mikro-orm/core';
import { tableOf } from '../../db-table.ts';
import { MemoryEntity } from '../memory/memory.entity.ts';
import { MemoryTermEntity } from './memory-term.entity.ts';
import { type Stemmer, termsOf } from './text-terms.ts';

/** Bumped when the analyser changes; rows with an older version are re-indexed at start. */
export const TERMS_VERSION = 1;

const run = (em: EntityManager, sql: string, params: unknown[]) =>
  em.getConnection().execute(sql, params, 'run', em.getTransactionContext());

/**
 * Replaces one memory's rows in memory_terms and records its length and analyser version.
 * Call inside the transaction that wrote the memory, so the index never disagrees with the row
 * (every replica reads the same database: nothing to keep in step between processes).
 */
export async function indexMemoryTerms(
  em: EntityManager,
  stem: Stemmer,
  memory: { id: string; userId: string; content: string },
) {
  const { terms, length } = termsOf(memory.content, stem);
  const table = tableOf(em, MemoryTermEntity);
  await run(em, `delete from ${table} where memory_id = ?`, [memory.id]);
  if (terms.size > 0) {
    await run(
      em,
      // one JSON parameter: the driver would spread a JS array into a list of parameters
      `insert into ${table} (user_id, term, memory_id, tf) select ?::uuid, t.term, ?::uuid, t.tf from jsonb_to_recordset(?::jsonb) as t(term text, tf int)`,
      [memory.userId, memory.id, JSON.stringify([...terms].map(([term, tf]) => ({ term, tf })))],
    );
  }
  await run(em, `update ${tableOf(em, MemoryEntity)} set doc_length = ?, terms_version = ? where id = ?`, [
    length,
    TERMS_VERSION,
    memory.id,
  ]);
}

/** Drops the index rows of memories being deleted (by id or all of one person's). */
export async function deleteMemoryTerms(em: EntityManager, where: { userId: string; memoryId?: string }) {
  const table = tableOf(em, MemoryTermEntity);
  if (where.memoryId) await run(em, `delete from ${table} where memory_id = ? and user_id = ?`, [where.memoryId, where.userId]);
  else await run(em, `delete from ${table} where user_id = ?`, [where.userId]);
}

/** Indexes memories written before the index existed (or by an older analyser), a batch at a time. */
export async function reindexStaleMemories(em: EntityManager, stem: Stemmer, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await em.find(
      MemoryEntity,
      { termsVersion: { $lt: TERMS_VERSION } },
      { limit: batch, fields: ['id', 'userId', 'content'] },
    );
    if (rows.length === 0) return total;
    await em.transactional(async (tx) => {
      for (const row of rows) await indexMemoryTerms(tx, stem, row);
    });
    total += rows.length;
    em.clear();
  }
}
