import { Redis } from 'ioredis';
import type { Logger } from '@miyu/platform/logger';
import type { RateLimiter, RateLimitPolicy } from './rate-limiter.ts';

// One atomic step on the Redis server's clock, so every router replica shares the bucket: first
// the tokens this router already spent locally (debt, always taken), then the cost (taken only
// if there is enough). Returns {allowed, remaining, retryAfterMs}.
const TOKEN_BUCKET = `
local key = KEYS[1]
local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local debt = tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', key, 'tokens', 'updated')
local tokens = tonumber(state[1]) or capacity
local updated = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - updated) / 1000 * refill) - debt
local allowed = 0
local retry = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  retry = math.ceil((cost - tokens) / refill * 1000)
end
redis.call('HSET', key, 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('PEXPIRE', key, math.ceil(capacity / refill * 1000) + 1000)
return {allowed, math.floor(tokens), retry}
`;

/** A key's bucket as this router last saw it, plus what it spent since telling Redis. */
interface LocalBucket {
  policy: RateLimitPolicy;
  tokens: number;
  updatedMs: number;
  debt: number;
}

export interface RedisRateLimiterOptions {
  /** How often tokens spent locally are written to Redis. */
  syncIntervalMs?: number;
  /** Above this share of its capacity a bucket is decided locally; below it, in Redis each time. */
  localShare?: number;
  maxKeys?: number;
}

/**
 * Distributed mode: the bucket lives in Redis, shared by every replica, but a caller far from
 * the limit is decided from a local copy (refilled locally, the tokens spent written to Redis
 * every `syncIntervalMs`), so a request costs no Redis round trip. Near the limit (below
 * `localShare` of capacity) every request asks Redis, so the limit itself is exact; replicas can
 * overshoot only by what they spent locally in one sync interval. When Redis is unreachable the
 * limiter lets requests through (logged): losing rate limiting for a moment is better than
 * losing the API.
 */
export function createRedisRateLimiter(url: string, logger: Logger, prefix = 'miyu:rl:', options: RedisRateLimiterOptions = {}) {
  const syncIntervalMs = options.syncIntervalMs ?? 100;
  const localShare = options.localShare ?? 0.5;
  const maxKeys = options.maxKeys ?? 100_000;
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  redis.on('error', (error) => logger.warn({ err: error }, 'rate limiter: redis error'));
  redis.defineCommand('miyuTokenBucket', { numberOfKeys: 1, lua: TOKEN_BUCKET });
  const bucket = redis as Redis & { miyuTokenBucket(key: string, ...args: number[]): Promise<[number, number, number]> };
  const local = new Map<string, LocalBucket>();
  let roundTrips = 0;

  async function ask(key: string, policy: RateLimitPolicy, cost: number, entry: LocalBucket | undefined) {
    const debt = entry?.debt ?? 0;
    if (entry) entry.debt = 0;
    roundTrips += 1;
    try {
      const [allowed, remaining, retryMs] = await bucket.miyuTokenBucket(
        prefix + key,
        policy.capacity,
        policy.refillPerSecond,
        cost,
        debt,
      );
      const current = local.get(key) ?? { policy, tokens: 0, updatedMs: 0, debt: 0 };
      // what was spent locally while Redis answered is still owed
      current.tokens = remaining - current.debt;
      current.updatedMs = Date.now();
      current.policy = policy;
      if (!local.has(key) && local.size >= maxKeys) await flush().then(() => local.clear());
      local.set(key, current);
      return { allowed: allowed === 1, remaining, retryAfterSeconds: Math.ceil(retryMs / 1000) };
    } catch (error) {
      // the debt is dropped, not retried every sync: while Redis is away requests are let
      // through anyway, and a retry per key per interval would only fill the log
      logger.warn({ err: error }, 'rate limiter unavailable, allowing request');
      return { allowed: true, remaining: policy.capacity, retryAfterSeconds: 0 };
    }
  }

  async function flush(): Promise<void> {
    const owing = [...local].filter(([, entry]) => entry.debt > 0);
    await Promise.all(owing.map(([key, entry]) => ask(key, entry.policy, 0, entry)));
  }

  const timer = setInterval(() => void flush(), syncIntervalMs);
  timer.unref();

  const limiter: RateLimiter & { roundTrips(): number } = {
    consume(key, policy, cost = 1) {
      const entry = local.get(key);
      if (entry) {
        const now = Date.now();
        entry.tokens = Math.min(
          policy.capacity,
          entry.tokens + (Math.max(0, now - entry.updatedMs) / 1000) * policy.refillPerSecond,
        );
        entry.updatedMs = now;
        if (entry.tokens - cost >= policy.capacity * localShare) {
          entry.tokens -= cost;
          entry.debt += cost;
          return Promise.resolve({ allowed: true, remaining: Math.floor(entry.tokens), retryAfterSeconds: 0 });
        }
      }
      return ask(key, policy, cost, entry);
    },
    ready: async () => (await redis.ping().catch(() => '')) === 'PONG',
    close: async () => {
      clearInterval(timer);
      await flush().catch(() => undefined);
      redis.disconnect();
    },
    /** Requests that needed Redis (the first of a key, those near the limit, and syncs). */
    roundTrips: () => roundTrips,
  };
  return limiter;
}
