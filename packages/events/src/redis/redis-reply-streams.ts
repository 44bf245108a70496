import { randomUUID } from 'node:crypto';
import type { Logger } from '@miyu/platform/logger';
import type { Redis } from 'ioredis';
import { abortableGenerator, sleep } from '../async-iterators.ts';
import type { ReplyChunkRecord, ReplyStreamStore } from '../event-types.ts';
import { type ReplyClaim, ReplyFencedError } from '../reply-fence.ts';
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

/** Is this entry's field list (`seq`, `delta`, `done`, `reset`) a done chunk? Shared by the scripts below. */
const IS_DONE = `
local function is_done(fields)
  for i = 1, #fields, 2 do
    if fields[i] == 'done' then return fields[i + 1] == '1' end
  end
  return false
end`;

/**
 * XADD and refresh the expiry, unless the stream already ends with its done chunk (a reply is
 * over once it has one) or is sealed and this is not a done chunk; atomic, so nothing lands
 * after either. A fenced append (ARGV epoch not empty) is refused with -1 when the epoch is no
 * longer the stream's, and renews the lease otherwise. KEYS stream, seal marker, epoch, lease;
 * ARGV seq, delta, done, reset, ttl seconds, epoch, lease ms.
 */
const APPEND = `${IS_DONE}
if ARGV[6] ~= '' then
  if redis.call('GET', KEYS[3]) ~= ARGV[6] then return -1 end
  redis.call('SET', KEYS[4], ARGV[6], 'PX', ARGV[7])
end
if ARGV[3] ~= '1' and redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if last[1] and is_done(last[1][2]) then return 0 end
redis.call('XADD', KEYS[1], '*', 'seq', ARGV[1], 'delta', ARGV[2], 'done', ARGV[3], 'reset', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1`;

/**
 * A takeover: refused while a lease runs (its remaining ms), else a new epoch with a fresh lease
 * and the seq of the stream's last entry (-1 when empty), in one step, so nothing the previous
 * producer wrote can land after the seq read here. KEYS stream, epoch, lease; ARGV lease ms, ttl seconds.
 */
const CLAIM = `
local left = redis.call('PTTL', KEYS[3])
if left > 0 then return {0, left} end
local epoch = redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], epoch, 'PX', ARGV[1])
local seq = -1
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if last[1] then
  local fields = last[1][2]
  for i = 1, #fields, 2 do
    if fields[i] == 'seq' then seq = tonumber(fields[i + 1]) end
  end
end
return {epoch, seq}`;

/** Renews the lease of the current epoch (1), or 0 when another claim came since. KEYS epoch, lease; ARGV epoch, lease ms. */
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return 1`;

/** Drops the lease if it is still this epoch's. KEYS epoch, lease; ARGV epoch. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] and redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1`;

/**
 * Sets the seal marker and reads the stream in one step, so the entries it returns are all the
 * text the stream will take. KEYS stream, seal marker; ARGV ttl seconds of the marker.
 */
const SEAL = `
redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
return redis.call('XRANGE', KEYS[1], '-', '+')`;

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
  /** A reply's stream and its seal marker. */
  const keysOf = (messageId: string) => [keyPrefix + messageId, `${keyPrefix}sealed:${messageId}`] as const;
  /** A reply's writer epoch and lease. */
  const ownerKeysOf = (messageId: string) => [`${keyPrefix}epoch:${messageId}`, `${keyPrefix}lease:${messageId}`] as const;

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
    async append(chunk, fence) {
      const fields = [chunk.seq, chunk.delta, chunk.done ? '1' : '0', chunk.reset ? '1' : '0'];
      const ttl = chunk.done ? finishedTtl : openTtl;
      const keys = [...keysOf(chunk.messageId), ...ownerKeysOf(chunk.messageId)];
      const owner = fence ? [fence.epoch, fence.leaseMs] : ['', 0];
      const written = await connections.command.eval(APPEND, 4, ...keys, ...fields, ttl, ...owner);
      if (written === -1) throw new ReplyFencedError(chunk.messageId);
    },

    async claim(messageId, leaseMs): Promise<ReplyClaim> {
      const keys = [keysOf(messageId)[0], ...ownerKeysOf(messageId)];
      const [epoch, value] = (await connections.command.eval(CLAIM, 3, ...keys, leaseMs, openTtl)) as [number, number];
      return epoch === 0 ? { claimed: false, busyMs: value } : { claimed: true, epoch, lastSeq: value };
    },

    async renew(messageId, fence) {
      return (await connections.command.eval(RENEW, 2, ...ownerKeysOf(messageId), fence.epoch, fence.leaseMs)) === 1;
    },

    async release(messageId, fence) {
      await connections.command.eval(RELEASE, 2, ...ownerKeysOf(messageId), fence.epoch);
    },

    async seal(messageId) {
      const entries = (await connections.command.eval(SEAL, 2, ...keysOf(messageId), openTtl)) as StreamEntry[];
      const before: ReplyChunkRecord[] = [];
      for (const [, fields] of entries) {
        const chunk = toChunk(messageId, fields);
        if (chunk.done) break;
        before.push(chunk);
      }
      return before;
    },

    follow(messageId, afterSeq, signal) {
      const outer = signal ? AbortSignal.any([signal, stopAll.signal]) : stopAll.signal;
      return abortableGenerator((inner) => follow(messageId, afterSeq, inner), outer);
    },

    async reset(messageId) {
      await connections.command.del(...keysOf(messageId));
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
