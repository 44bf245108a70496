import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { z } from 'zod';
import { tableOf } from '../../db-table.ts';
import { pgvectorSchema, toBytes, vectorLiteral } from '../embedding/memory-embeddings.service.ts';
import type { Embedder } from '../embedding/sif-embedder.ts';
import { englishStemmer } from '../lexical/english-stemmer.ts';
import { MemoryTermEntity } from '../lexical/memory-term.entity.ts';
import { indexMemoryTerms, TERMS_VERSION } from '../lexical/memory-terms.service.ts';
import { termsOf } from '../lexical/text-terms.ts';
import { MemoryEntity } from './memory.entity.ts';
import { cleanContent, contentKey } from './memory-content.ts';
import { memorySlot } from './memory-slot.ts';
import { applySlot, DEFAULT_IMPORTANCE, type rememberInput } from './memory.service.ts';

type ValidMemory = z.output<typeof rememberInput>;

/** One distinct content of the batch: its first wording, and what its repetitions add. */
interface Distinct {
  id: string;
  content: string;
  key: string;
  kind: ValidMemory['kind'];
  slot: string | null;
  occurredAt: Date | null;
  /** The last importance given for it, if any. */
  importance: number | null;
  /** Mentions after the last given importance (each reinforces a tenth of the way towards 1). */
  mentions: number;
  /** Positions in the input of the items with this content. */
  indexes: number[];
}

const run = <T = unknown>(em: EntityManager, sql: string, params: unknown[], method: 'run' | 'all' = 'run') =>
  em.getConnection().execute(sql, params, method, em.getTransactionContext()) as Promise<T>;

// a JSON array parameter: the driver would spread a JS array into a list of parameters; json, not
// jsonb, because it is read once (jsonb builds its tree first: several times slower for 1 MB)
const json = (value: unknown) => JSON.stringify(value);

function distinctOf(items: ValidMemory[]): Distinct[] {
  const byKey = new Map<string, Distinct>();
  items.forEach((item, index) => {
    const content = cleanContent(item.content);
    const key = contentKey(content);
    const seen = byKey.get(key);
    const given = item.importance ?? null;
    if (!seen) {
      const slot = memorySlot(content);
      byKey.set(key, {
        id: randomUUID(),
        content,
        key,
        kind: item.kind,
        slot,
        occurredAt: item.occurredAt ?? null,
        importance: given,
        mentions: 0,
        indexes: [index],
      });
      return;
    }
    seen.indexes.push(index);
    seen.occurredAt ??= item.occurredAt ?? null;
    if (given === null) seen.mentions++;
    else {
      seen.importance = given;
      seen.mentions = 0;
    }
  });
  return [...byKey.values()];
}

// x reinforced n times: 1 - 0.9^n (1 - x), as the single upsert does once per mention
const reinforced = (base: number, mentions: number) => 1 - 0.9 ** mentions * (1 - base);

/**
 * Many memories of one person in a few set-based statements (importMemories): the same outcome
 * as `remember` called for each item in order (de-duplication and reinforcement, lexical index,
 * vectors, slots), but one insert, one update and one index write for the whole batch instead of
 * seven round trips per item. Runs in the caller's transaction. Returns, per input position,
 * whether the item made a new memory (false: it merged into one already remembered or listed
 * earlier in the batch).
 */
export async function rememberMany(
  em: EntityManager,
  userId: string,
  items: ValidMemory[],
  embedder: Embedder,
): Promise<boolean[]> {
  const table = tableOf(em, MemoryEntity);
  const distinct = distinctOf(items);
  const now = new Date();
  const existingRows = await run<Array<{ id: string; content_key: string }>>(
    em,
    `select id, content_key from ${table} where user_id = ? and content_key in (select json_array_elements_text(?::json))`,
    [userId, json(distinct.map((d) => d.key))],
    'all',
  );
  const existingId = new Map(existingRows.map((row) => [row.content_key, row.id]));
  const fresh = distinct.filter((d) => !existingId.has(d.key));
  const inserted = new Set<string>();
  if (fresh.length > 0) {
    // a new row is written whole (length, analyser version, vector) by one insert, never updated
    // after: an update of a just-inserted row rewrites it and every index entry again
    const vectors = await embedder.embed(fresh.map((d) => d.content));
    const schema = await pgvectorSchema(em);
    const stem = englishStemmer();
    const lengths = fresh.map((d) => termsOf(d.content, stem).length);
    const vectorColumn = schema ? ', embedding_vector' : '';
    const vectorValue = schema ? `, t.literal::"${schema}".vector` : '';
    const rows = await run<Array<{ id: string }>>(
      em,
      `insert into ${table} (id, user_id, kind, content, content_key, importance, created_at, updated_at, occurred_at, slot,
         doc_length, terms_version, embedding, embedding_model${vectorColumn})
       select t.id, ?::uuid, t.kind, t.content, t.content_key, t.importance, ?, ?, t.occurred_at, t.slot,
         t.doc_length, ?, decode(t.bytes, 'base64'), ?${vectorValue}
       from json_to_recordset(?::json) as t(id uuid, kind text, content text, content_key text, importance double precision,
         occurred_at timestamptz, slot text, doc_length int, bytes text, literal text)
       on conflict (user_id, content_key) do nothing
       returning id`,
      [
        userId,
        now,
        now,
        TERMS_VERSION,
        embedder.model,
        json(
          fresh.map((d, i) => {
            const vector = vectors[i] ?? null;
            return {
              id: d.id,
              kind: d.kind,
              content: d.content,
              content_key: d.key,
              // the first item inserts it, the repetitions after it (or after the last given importance) reinforce it
              importance: reinforced(d.importance ?? DEFAULT_IMPORTANCE, d.mentions),
              occurred_at: d.occurredAt?.toISOString() ?? null,
              slot: d.slot,
              doc_length: lengths[i],
              bytes: vector ? toBytes(vector).toString('base64') : null,
              literal: vector ? vectorLiteral(vector) : null,
            };
          }),
        ),
      ],
      'all',
    );
    for (const row of rows) inserted.add(row.id);
  }
  // remembered before (or inserted by a concurrent call meanwhile): refreshed as `remember` refreshes it
  const merged = distinct.filter((d) => !inserted.has(d.id));
  if (merged.length > 0) {
    const rows = await run<Array<{ id: string; content_key: string; content: string; terms_version: number }>>(
      em,
      `update ${table} as m set
         importance = 1 - power(0.9, t.mentions) * (1 - coalesce(t.importance, m.importance)),
         occurred_at = coalesce(m.occurred_at, t.occurred_at),
         updated_at = ?, slot = t.slot, superseded_at = null, superseded_by_id = null
       from json_to_recordset(?::json) as t(content_key text, importance double precision, mentions int, occurred_at timestamptz, slot text)
       where m.user_id = ? and m.content_key = t.content_key
       returning m.id, m.content_key, m.content, m.terms_version`,
      [
        now,
        json(
          merged.map((d) => ({
            content_key: d.key,
            importance: d.importance,
            // every item is a mention of a memory that exists; a given importance resets the count
            mentions: d.importance === null ? d.indexes.length : d.mentions,
            occurred_at: d.occurredAt?.toISOString() ?? null,
            slot: d.slot,
          })),
        ),
        userId,
      ],
      'all',
    );
    const idOf = new Map(rows.map((row) => [row.content_key, row.id]));
    for (const d of merged) d.id = idOf.get(d.key) ?? d.id;
    // indexed by an older analyser (rare: the start re-indexes those): indexed again, as remember does
    for (const row of rows) {
      if (Number(row.terms_version) < TERMS_VERSION) {
        await indexMemoryTerms(em, englishStemmer(), { id: row.id, userId, content: row.content });
      }
    }
  }
  const newOnes = distinct.filter((d) => inserted.has(d.id));
  await insertPostings(em, userId, newOnes);
  // a merged memory stored with another model's vector (or none) gets the current model's
  await storeVectors(em, embedder, merged);
  // slots in the order the things happened, so the latest statement ends up current
  const slotted = distinct
    .filter((d) => d.slot)
    .sort((a, b) => (a.occurredAt ?? now).getTime() - (b.occurredAt ?? now).getTime());
  for (const d of slotted) await applySlot(em, { id: d.id, userId, slot: d.slot, at: d.occurredAt ?? now });
  const isNew = new Array<boolean>(items.length).fill(false);
  for (const d of newOnes) isNew[d.indexes[0] ?? 0] = true;
  return isNew;
}

/** memory_terms of new memories: one insert for the batch. */
async function insertPostings(em: EntityManager, userId: string, memories: Distinct[]) {
  const stem = englishStemmer();
  const postings: Array<{ memory_id: string; term: string; tf: number }> = [];
  for (const memory of memories) {
    for (const [term, tf] of termsOf(memory.content, stem).terms) postings.push({ memory_id: memory.id, term, tf });
  }
  if (postings.length === 0) return;
  await run(
    em,
    `insert into ${tableOf(em, MemoryTermEntity)} (user_id, term, memory_id, tf)
     select ?::uuid, t.term, t.memory_id, t.tf from json_to_recordset(?::json) as t(memory_id uuid, term text, tf int)`,
    [userId, json(postings)],
  );
}

/** Vectors of the current model for the batch: one embed call, one update. */
async function storeVectors(em: EntityManager, embedder: Embedder, memories: Distinct[]) {
  if (memories.length === 0) return;
  const table = tableOf(em, MemoryEntity);
  const stale = await run<Array<{ id: string }>>(
    em,
    `select id from ${table} where id in (select (json_array_elements_text(?::json))::uuid) and embedding_model is distinct from ?`,
    [json(memories.map((m) => m.id)), embedder.model],
    'all',
  );
  const staleIds = new Set(stale.map((row) => row.id));
  const todo = memories.filter((m) => staleIds.has(m.id));
  if (todo.length === 0) return;
  const vectors = await embedder.embed(todo.map((m) => m.content));
  const schema = await pgvectorSchema(em);
  const rows = todo.map((m, i) => {
    const vector = vectors[i] ?? null;
    return {
      id: m.id,
      bytes: vector ? toBytes(vector).toString('base64') : null,
      literal: vector ? vectorLiteral(vector) : null,
    };
  });
  const vectorColumn = schema ? `, embedding_vector = t.literal::"${schema}".vector` : '';
  await run(
    em,
    `update ${table} as m set embedding = decode(t.bytes, 'base64')${vectorColumn}, embedding_model = ?
     from json_to_recordset(?::json) as t(id uuid, bytes text, literal text) where m.id = t.id`,
    [embedder.model, json(rows)],
  );
}
