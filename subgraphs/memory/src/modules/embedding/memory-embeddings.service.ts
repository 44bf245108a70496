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

/**
 * Where pgvector is: the schema of its type, or null (the portable path only). Looked up once per
 * database. Only the answer is shared, never a pending lookup: on the embedded database (one
 * connection, one transaction at a time) a transaction that awaited a lookup started outside it
 * would wait for itself.
 */
const pgvectorSchemas = new WeakMap<object, string | null>();
export async function pgvectorSchema(em: EntityManager): Promise<string | null> {
  const connection = em.getConnection();
  if (pgvectorSchemas.has(connection)) return pgvectorSchemas.get(connection) ?? null;
  const rows = (await run(
    em,
    `select n.nspname as schema from pg_attribute a join pg_type t on t.oid = a.atttypid join pg_namespace n on n.oid = t.typnamespace
     where a.attrelid = ?::regclass and a.attname = 'embedding_vector' and not a.attisdropped`,
    [tableOf(em, MemoryEntity)],
    'all',
  )) as Array<{ schema: string }>;
  const schema = rows[0]?.schema ?? null;
  pgvectorSchemas.set(connection, schema);
  return schema;
}

/** pgvector's text form; nine significant digits give back every float32 exactly, in about half the characters. */
export const vectorLiteral = (vector: Float32Array): string =>
  `[${Array.from(vector, (x) => Number(x.toPrecision(9))).join(',')}]`;

/** Writes one memory's vector (or none) with the model's name: the float32 bytes, and pgvector's column where it exists. */
export async function writeVector(em: EntityManager, memoryId: string, vector: Float32Array | null, model: string) {
  const schema = await pgvectorSchema(em);
  const table = tableOf(em, MemoryEntity);
  if (schema) {
    await run(
      em,
      `update ${table} set embedding = ?, embedding_vector = ?::"${schema}".vector, embedding_model = ? where id = ?`,
      [vector ? toBytes(vector) : null, vector ? vectorLiteral(vector) : null, model, memoryId],
    );
  } else {
    await run(em, `update ${table} set embedding = ?, embedding_model = ? where id = ?`, [
      vector ? toBytes(vector) : null,
      model,
      memoryId,
    ]);
  }
}

/** Stores (or clears) one memory's vector with the model's name, in the caller's transaction. */
export async function storeEmbedding(em: EntityManager, embedder: Embedder, memoryId: string, content: string) {
  const [vector] = await embedder.embed([content]);
  await writeVector(em, memoryId, vector ?? null, embedder.model);
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
  const table = tableOf(em, MemoryEntity);
  const schema = await pgvectorSchema(em);
  if (schema) {
    // pgvector: the distance is computed in the database, only the best rows come back
    const distance = `embedding_vector OPERATOR("${schema}".<=>) ?::"${schema}".vector`;
    const rows = (await run(
      em,
      `select id, 1 - (${distance}) as score from ${table} where user_id = ? and embedding_model = ? and embedding_vector is not null order by ${distance}, id limit ${Math.trunc(limit)}`,
      [vectorLiteral(vector), userId, embedder.model, vectorLiteral(vector)],
      'all',
    )) as Array<{ id: string; score: number | string }>;
    return rows.map((row) => ({ id: row.id, score: Math.round(Number(row.score) * 1e6) / 1e6 }));
  }
  const rows = (await run(
    em,
    `select id, embedding from ${table} where user_id = ? and embedding_model = ? and embedding is not null`,
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
        await writeVector(tx, row.id, vector ?? null, embedder.model);
      }
    });
    total += rows.length;
  }
  return total;
}
