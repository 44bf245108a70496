import type { EntityManager } from '@mikro-orm/core';
import { tableOf } from '../../db-table.ts';
import { MemoryEntity } from '../memory/memory.entity.ts';
import { ForgottenFactEntity } from './forgotten-fact.entity.ts';
import { MemorySourceEntity } from './memory-source.entity.ts';

const run = (em: EntityManager, sql: string, params: unknown[], method: 'run' | 'all' = 'run') =>
  em.getConnection().execute(sql, params, method, em.getTransactionContext());

export interface MemorySourceInput {
  memoryId: string;
  userId: string;
  messageId: string;
  conversationId?: string | null;
  /** contentKey of the text as extracted from this message. */
  factKey: string;
  /** When the message was said. */
  learnedAt: Date;
}

/** Links a memory to a message it was learned from; the same message twice is one link. */
export async function recordSource(em: EntityManager, source: MemorySourceInput): Promise<void> {
  await run(
    em,
    `insert into ${tableOf(em, MemorySourceEntity)} (memory_id, message_id, user_id, conversation_id, fact_key, learned_at)
     values (?, ?, ?, ?, ?, ?) on conflict (memory_id, message_id) do update
     set conversation_id = coalesce(${tableOf(em, MemorySourceEntity)}.conversation_id, excluded.conversation_id)`,
    [source.memoryId, source.messageId, source.userId, source.conversationId ?? null, source.factKey, source.learnedAt],
  );
}

/** True when the person made MIYU forget this fact as learned from this message. */
export async function isForgotten(em: EntityManager, userId: string, messageId: string, factKey: string): Promise<boolean> {
  const rows = (await run(
    em,
    `select 1 from ${tableOf(em, ForgottenFactEntity)} where user_id = ? and message_id = ? and fact_key = ? limit 1`,
    [userId, messageId, factKey],
    'all',
  )) as unknown[];
  return rows.length > 0;
}

/**
 * Before memories are deleted: remembers, per source message, both the text as it was extracted
 * and the memory's current text (it may have been edited), then drops the links. One memory by
 * id, or all of the person's.
 */
export async function forgetSources(em: EntityManager, where: { userId: string; memoryId?: string }): Promise<void> {
  const sources = tableOf(em, MemorySourceEntity);
  const forgotten = tableOf(em, ForgottenFactEntity);
  const memories = tableOf(em, MemoryEntity);
  const byMemory = where.memoryId ? 'and s.memory_id = ?' : '';
  const params = where.memoryId ? [where.userId, where.memoryId] : [where.userId];
  await run(
    em,
    `insert into ${forgotten} (user_id, message_id, fact_key, forgotten_at)
     select s.user_id, s.message_id, k.fact_key, now()
     from ${sources} s join ${memories} m on m.id = s.memory_id
     cross join lateral (values (s.fact_key), (m.content_key)) as k(fact_key)
     where s.user_id = ? ${byMemory}
     on conflict do nothing`,
    params,
  );
  await run(em, `delete from ${sources} where user_id = ? ${where.memoryId ? 'and memory_id = ?' : ''}`, params);
}
