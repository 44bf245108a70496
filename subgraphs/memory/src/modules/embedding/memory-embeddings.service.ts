import type { EntityManager } from '@mikro-orm/core';
import { tableOf } from '../../db-table.ts';
import { MemoryEntity } from '../memory/memory.entity.ts';
import { cosine, type Embedder } from './sif-embedder.ts';

const run = (em: EntityManager, sql: string, params: unknown[], method: 'run' | 'all' = 'run') =>
  em.getConnection().execute(sql, params, method, em.getTransactionContext());

export const toBytes = (vector: Float32Array): Buffer => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
export function fromBytes(bytes: Uint8Array): Float32Array {
  // copied: the driver's buffer may be unaligned for a Float32Array view
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/** Stores (or clears) one memory's vector with the model's name, in the caller's transaction. */
export async function storeEmbedding(em: EntityManager, embedder: Embedder, memoryId: string, content: string) {
  const [vector] = await embedder.embed([content]);
  await run(em, `update ${tableOf(em, MemoryEntity)} set embedding = ?, embedding_model = ? where id = ?`, [
    vector ? toBytes(vector) : null,
    embedder.model,
    memoryId,
  ]);
}

/**
 * The semantic list: cosine between the query and each of the person's memories embedded with the
 * current model, in process (portable: PostgreSQL without pgvector runs the same code as PGlite).
 */
export async function semanticCandidates(
  em: EntityManager,
  embedder: Embedder,
  userId: string,
  query: string,
  limit: number,
): Promise<Array<{ id: string; score: number }>> {
  const [vector] = await embedder.embed([query]);
  if (!vector) return [];
  const rows = (await run(
    em,
    `select id, embedding from ${tableOf(em, MemoryEntity)} where user_id = ? and embedding_model = ? and embedding is not null`,
    [userId, embedder.model],
    'all',
  )) as Array<{ id: string; embedding: Uint8Array }>;
  return (
    rows
      // rounded: the same words summed in another order differ in the last bits, and must tie
      .map((row) => ({ id: row.id, score: Math.round(cosine(vector, fromBytes(row.embedding)) * 1e6) / 1e6 }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit)
  );
}

/** Embeds memories without a vector of the current model, a batch at a time; stops when asked. */
export async function reembedStaleMemories(
  em: EntityManager,
  embedder: Embedder,
  shouldStop: () => boolean = () => false,
  batch = 200,
): Promise<number> {
  let total = 0;
  const table = tableOf(em, MemoryEntity);
  while (!shouldStop()) {
    const rows = (await run(
      em,
      `select id, content from ${table} where embedding_model is distinct from ? order by id limit ${batch}`,
      [embedder.model],
      'all',
    )) as Array<{ id: string; content: string }>;
    if (rows.length === 0) break;
    const vectors = await embedder.embed(rows.map((row) => row.content));
    await em.transactional(async (tx) => {
      for (const [i, row] of rows.entries()) {
        const vector = vectors[i];
        await run(tx, `update ${table} set embedding = ?, embedding_model = ? where id = ?`, [
          vector ? toBytes(vector) : null,
          embedder.model,
          row.id,
        ]);
      }
    });
    total += rows.length;
  }
  return total;
}
