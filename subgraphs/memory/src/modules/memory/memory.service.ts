import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { validate } from '@miyu/graphql/validate';
import { errors } from '@miyu/platform/errors';
import { z } from 'zod';
import { MEMORY_KINDS, MemoryEntity, type MemoryKind, type MemoryRow } from './memory.entity.ts';
import { cleanContent, contentKey } from './memory-content.ts';
import { memorySlot } from './memory-slot.ts';
import { tableOf } from '../../db-table.ts';
import { englishStemmer } from '../lexical/english-stemmer.ts';
import { deleteMemoryTerms, indexMemoryTerms, TERMS_VERSION } from '../lexical/memory-terms.service.ts';
import { storeEmbedding } from '../embedding/memory-embeddings.service.ts';
import { type Embedder, sharedSifEmbedder } from '../embedding/sif-embedder.ts';
import { forgetSources, isForgotten, recordSource } from '../provenance/provenance.service.ts';

export const DEFAULT_IMPORTANCE = 0.5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

const content = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');
/** What `remember` and `importMemories` accept for one memory. */
export const rememberInput = z.object({
  content,
  kind: z.enum(MEMORY_KINDS),
  importance: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullish(),
  occurredAt: z.date().nullish(),
});
const uuid = z.string().regex(UUID, 'must be a UUID');
const fromMessageInput = rememberInput.extend({ sourceMessageId: uuid.nullish(), conversationId: uuid.nullish() });

export interface NewMemory {
  content: string;
  kind: MemoryKind;
  /** Omitted: 0.5 for a new memory; an existing one keeps its importance. */
  importance?: number | null;
  sourceMessageId?: string | null;
  /** The conversation of the source message, kept with the memory's sources. */
  conversationId?: string | null;
  /** When it happened or was said; kept from the first time a de-duplicated memory was stored. */
  occurredAt?: Date | null;
}

// Atomic de-duplication: the same normalised content refreshes the existing row instead of
// inserting a second one, even under concurrency. Said again, it is reinforced: importance when
// given, otherwise a tenth of the way towards 1; updated_at (when it was last said) now; a missing
// source; and it is current again if a later statement had superseded it (its slot decides below).
const upsertSql = (table: string) => `
insert into ${table} as memories (id, user_id, kind, content, content_key, importance, source_message_id, created_at, updated_at, occurred_at, slot)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
on conflict (user_id, content_key) do update set
  importance = coalesce(?::double precision, memories.importance + 0.1 * (1 - memories.importance)),
  source_message_id = coalesce(memories.source_message_id, excluded.source_message_id),
  occurred_at = coalesce(memories.occurred_at, excluded.occurred_at),
  updated_at = excluded.updated_at,
  slot = excluded.slot,
  superseded_at = null,
  superseded_by_id = null
returning *`;

const run = (em: EntityManager, sql: string, params: unknown[], method: 'run' | 'all' = 'run') =>
  em.getConnection().execute(sql, params, method, em.getTransactionContext());

/**
 * One current memory per slot (memory-slot.ts): the statement made last (by when it happened)
 * supersedes the others, which stay as its history; a statement older than the current one is
 * stored as history at once. Serialised per person and slot with a transaction-scoped lock.
 */
export async function applySlot(em: EntityManager, memory: { id: string; userId: string; slot: string | null; at: Date }) {
  if (!memory.slot) return;
  const table = tableOf(em, MemoryEntity);
  await run(em, 'select pg_advisory_xact_lock(hashtextextended(?, 0))', [`${memory.userId}:${memory.slot}`], 'all');
  const [later] = (await run(
    em,
    `select id from ${table} where user_id = ? and slot = ? and superseded_at is null and id <> ? and coalesce(occurred_at, created_at) > ? order by coalesce(occurred_at, created_at) desc limit 1`,
    [memory.userId, memory.slot, memory.id, memory.at],
    'all',
  )) as Array<{ id: string }>;
  if (later) {
    await run(em, `update ${table} set superseded_at = now(), superseded_by_id = ? where id = ?`, [later.id, memory.id]);
    return;
  }
  await run(
    em,
    `update ${table} set superseded_at = now(), superseded_by_id = ? where user_id = ? and slot = ? and superseded_at is null and id <> ?`,
    [memory.id, memory.userId, memory.slot, memory.id],
  );
}

async function upsertMemory(em: EntityManager, userId: string, input: NewMemory, embedder: Embedder): Promise<MemoryRow> {
  const text = cleanContent(input.content);
  const now = new Date();
  const importance = input.importance ?? null;
  const params = [
    randomUUID(),
    userId,
    input.kind,
    text,
    contentKey(text),
    importance ?? DEFAULT_IMPORTANCE,
    input.sourceMessageId ?? null,
    now,
    now,
    input.occurredAt ?? null,
    memorySlot(text),
    importance,
  ];
  // the row and its lexical index are written in one transaction (a savepoint inside a caller's)
  const row = await em.transactional(async (tx) => {
    const [written] = await tx
      .getConnection()
      .execute<Array<Record<string, unknown>>>(upsertSql(tableOf(tx, MemoryEntity)), params, 'all', tx.getTransactionContext());
    if (!written) throw new Error('memory upsert returned no row');
    // a de-duplicated row is indexed already; a new one (version 0) is indexed now
    if (Number(written.terms_version) < TERMS_VERSION) {
      await indexMemoryTerms(tx, englishStemmer(), { id: String(written.id), userId, content: text });
    }
    if (written.embedding_model !== embedder.model) await storeEmbedding(tx, embedder, String(written.id), text);
    // provenance: the message it was learned from, one link per message (memory_sources)
    if (input.sourceMessageId) {
      await recordSource(tx, {
        memoryId: String(written.id),
        userId,
        messageId: input.sourceMessageId,
        conversationId: input.conversationId,
        factKey: contentKey(text),
        learnedAt: input.occurredAt ?? now,
      });
    }
    const slot = (written.slot as string | null) ?? null;
    await applySlot(tx, { id: String(written.id), userId, slot, at: input.occurredAt ?? now });
    if (!slot) return written;
    // its superseded_at may have been set by applySlot
    const [fresh] = (await run(tx, `select * from ${tableOf(tx, MemoryEntity)} where id = ?`, [written.id], 'all')) as Array<
      Record<string, unknown>
    >;
    return fresh ?? written;
  });
  // em.map refreshes an entity this request already holds, so a de-duplicated row shows its new values
  return em.map(MemoryEntity, row as never);
}

/** `Mutation.remember`: validated client input. */
export async function remember(
  em: EntityManager,
  userId: string,
  input: unknown,
  embedder: Embedder = sharedSifEmbedder(),
): Promise<MemoryRow> {
  return upsertMemory(em, userId, validate(rememberInput, input), embedder);
}

/** For the extraction pipeline (issue 3): a memory taken from a conversation message. */
export async function rememberFromMessage(
  em: EntityManager,
  userId: string,
  input: NewMemory,
  embedder: Embedder = sharedSifEmbedder(),
): Promise<MemoryRow> {
  return upsertMemory(em, userId, validate(fromMessageInput, input), embedder);
}

/**
 * For extraction from a message: like rememberFromMessage, but a fact the person made MIYU forget
 * as learned from this very message is not stored again (null).
 */
export async function learnFromMessage(
  em: EntityManager,
  userId: string,
  input: NewMemory & { sourceMessageId: string },
  embedder: Embedder = sharedSifEmbedder(),
): Promise<MemoryRow | null> {
  const valid = validate(fromMessageInput, input);
  if (await isForgotten(em, userId, input.sourceMessageId, contentKey(cleanContent(valid.content)))) return null;
  return upsertMemory(em, userId, valid, embedder);
}

/** Edits the caller's memory; a foreign or missing id is NOT_FOUND, identical content elsewhere CONFLICT. */
export async function updateMemory(
  em: EntityManager,
  userId: string,
  id: string,
  newContent: string,
  embedder: Embedder = sharedSifEmbedder(),
): Promise<MemoryRow> {
  const { content: text } = validate(z.object({ content }), { content: newContent });
  return em.transactional(async (tx) => {
    const memory = isUuid(id) ? await tx.findOne(MemoryEntity, { id, userId }) : null;
    if (!memory) throw errors.notFound('Memory');
    const key = contentKey(text);
    if (key !== memory.contentKey && (await tx.count(MemoryEntity, { userId, contentKey: key })) > 0) {
      throw errors.conflict('Another memory already has this content.');
    }
    memory.content = cleanContent(text);
    memory.contentKey = key;
    memory.updatedAt = new Date();
    memory.slot = memorySlot(memory.content);
    await tx.flush();
    await applySlot(tx, { id: memory.id, userId, slot: memory.slot ?? null, at: memory.occurredAt ?? memory.createdAt });
    await tx.refresh(memory);
    // the edit and its lexical index commit together: recall on any replica sees the new words at once
    await indexMemoryTerms(tx, englishStemmer(), memory);
    await storeEmbedding(tx, embedder, memory.id, memory.content);
    return memory;
  });
}

/** Hard delete; false for a foreign or missing id (indistinguishable). */
export async function forget(em: EntityManager, userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return em.transactional(async (tx) => {
    await deleteMemoryTerms(tx, { userId, memoryId: id });
    await forgetSources(tx, { userId, memoryId: id });
    const deleted = (await tx.nativeDelete(MemoryEntity, { id, userId })) > 0;
    // what it had superseded is current again: forgetting the new value undoes the change
    if (deleted)
      await tx.nativeUpdate(MemoryEntity, { userId, supersededById: id }, { supersededAt: null, supersededById: null });
    return deleted;
  });
}

/** Deletes every memory of the caller and nothing else; returns how many. */
export function forgetAll(em: EntityManager, userId: string): Promise<number> {
  return em.transactional(async (tx) => {
    await deleteMemoryTerms(tx, { userId });
    await forgetSources(tx, { userId });
    return tx.nativeDelete(MemoryEntity, { userId });
  });
}
