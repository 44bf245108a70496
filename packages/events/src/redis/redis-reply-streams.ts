import { randomUUID } from 'node:crypto';
import type { Logger } from '@miyu/platform/logger';
import type { Redis } from 'ioredis';
import { abortableGenerator, sleep } from '../async-iterators.ts';
import type { ReplyChunkRecord, ReplyStreamStore } from '../event-types.ts';
import { connectionName, type RedisConnections } from './redis-connections.ts';

export interface RedisReplyStreamsOptions {
  connections: RedisConnections;
  /** Prepended to the message id, e.g. `miyu:reply:`. */
  keyPrefix: string;
  logger: Logger;
  /** How long a finished stream stays replayable (default 1 hour). */
  finishedTtlSeconds?: number;
  /** Safety expiry of an unfinished stream, refreshed on each chunk (default 24 hours). */
  openTtlSeconds?: number;
  /** How long one XREAD blocks before the loop checks for an abort (default 5 s). */
  blockMs?: number;
}

type StreamEntry = [id: string, fields: string[]];

/**
 * A Redis Stream per reply. A follower reads the backlog with XRANGE, then blocks in XREAD
 * from the last stream id it has seen (never `$`), on its own connection: nothing published
 * between the two reads, or while the connection is being re-established, is missed.
 */
export function createRedisReplyStreams(options: RedisReplyStreamsOptions): ReplyStreamStore {
  const { connections, keyPrefix, logger } = options;
  const finishedTtl = options.finishedTtlSeconds ?? 3_600;
  const openTtl = options.openTtlSeconds ?? 86_400;
  const blockMs = options.blockMs ?? 5_000;
  const stopAll = new AbortController();

  async function* follow(messageId: string, afterSeq: number, signal: AbortSignal): AsyncGenerator<ReplyChunkRecord> {
    const key = keyPrefix + messageId;
    let lastId = '0-0';
    let reader: Redis | undefined;
    const release = () => {
      if (reader) connections.release(reader);
      reader = undefined;
    };
    signal.addEventListener('abort', release, { once: true });
    try {
      // Backlog first, on the shared connection: a finished reply never needs a blocking one.
      for (;;) {
        const start = lastId === '0-0' ? '-' : `(${lastId}`;
        const page = (await connections.command.xrange(key, start, '+', 'COUNT', 200)) as StreamEntry[];
        for (const [id, fields] of page) {
          lastId = id;
          const chunk = toChunk(messageId, fields);
          if (chunk.seq > afterSeq) yield chunk;
          if (chunk.done) return; // ends even when the caller had already seen the done chunk
        }
        if (page.length < 200) break;
      }
      if (signal.aborted) return;
      const connection = connections.open(connectionName('follow', messageId, randomUUID().slice(0, 8)));
      reader = connection;
      let failures = 0;
      while (!signal.aborted) {
        let reply: [string, StreamEntry[]][] | null;
        try {
          reply = (await connection.xread('COUNT', 200, 'BLOCK', blockMs, 'STREAMS', key, lastId)) as
            | [string, StreamEntry[]][]
            | null;
          failures = 0;
        } catch (error) {
          if (signal.aborted) return;
          failures += 1;
          logger.warn({ err: error, messageId }, 'reply stream read failed; resuming from the last id');
          await sleep(Math.min(50 * 2 ** failures, 2_000), signal);
          continue;
        }
        for (const [, entries] of reply ?? []) {
          for (const [id, fields] of entries) {
            lastId = id;
            const chunk = toChunk(messageId, fields);
            if (chunk.seq > afterSeq) yield chunk;
            if (chunk.done) return;
          }
        }
      }
    } finally {
      signal.removeEventListener('abort', release);
      release();
    }
  }

  return {
    async append(chunk) {
      const key = keyPrefix + chunk.messageId;
      const results = await connections.command
        .multi()
        .xadd(key, '*', 'seq', chunk.seq, 'delta', chunk.delta, 'done', chunk.done ? '1' : '0', 'reset', chunk.reset ? '1' : '0')
        .expire(key, chunk.done ? finishedTtl : openTtl)
        .exec();
      const failed = results?.find(([error]) => error);
      if (!results || failed) throw failed?.[0] ?? new Error('reply stream append was discarded');
    },

    follow(messageId, afterSeq, signal) {
      const outer = signal ? AbortSignal.any([signal, stopAll.signal]) : stopAll.signal;
      return abortableGenerator((inner) => follow(messageId, afterSeq, inner), outer);
    },

    async reset(messageId) {
      await connections.command.del(keyPrefix + messageId);
    },

    async close() {
      stopAll.abort();
    },
  };
}

function toChunk(messageId: string, fields: string[]): ReplyChunkRecord {
  const values = new Map<string, string>();
  for (let index = 0; index + 1 < fields.length; index += 2) values.set(fields[index] as string, fields[index + 1] as string);
  return {
    messageId,
    seq: Number(values.get('seq')),
    delta: values.get('delta') ?? '',
    done: values.get('done') === '1',
    ...(values.get('reset') === '1' ? { reset: true } : {}),
  };
}
