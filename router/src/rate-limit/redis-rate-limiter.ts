import { Redis } from 'ioredis';
import type { Logger } from '@miyu/platform/logger';
import type { RateLimiter } from './rate-limiter.ts';

// One atomic step per request on the Redis server's clock, so every router replica shares the
// bucket. Returns {allowed, remaining, retryAfterMs}.
const TOKEN_BUCKET = `
local key = KEYS[1]
local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', key, 'tokens', 'updated')
local tokens = tonumber(state[1]) or capacity
local updated = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - updated) / 1000 * refill)
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

/**
 * Distributed mode. When Redis is unreachable the limiter lets requests through (logged):
 * losing rate limiting for a moment is better than losing the API.
 */
export function createRedisRateLimiter(url: string, logger: Logger, prefix = 'miyu:rl:'): RateLimiter {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  redis.on('error', (error) => logger.warn({ err: error }, 'rate limiter: redis error'));
  redis.defineCommand('miyuTokenBucket', { numberOfKeys: 1, lua: TOKEN_BUCKET });
  const bucket = redis as Redis & { miyuTokenBucket(key: string, ...args: number[]): Promise<[number, number, number]> };
  return {
    async consume(key, policy, cost = 1) {
      try {
        const [allowed, remaining, retryMs] = await bucket.miyuTokenBucket(
          prefix + key,
          policy.capacity,
          policy.refillPerSecond,
          cost,
        );
        return { allowed: allowed === 1, remaining, retryAfterSeconds: Math.ceil(retryMs / 1000) };
      } catch (error) {
        logger.warn({ err: error }, 'rate limiter unavailable, allowing request');
        return { allowed: true, remaining: policy.capacity, retryAfterSeconds: 0 };
      }
    },
    ready: async () => (await redis.ping().catch(() => '')) === 'PONG',
    close: async () => {
      redis.disconnect();
    },
  };
}
