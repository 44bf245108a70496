import type { Logger } from '@miyu/platform/logger';
import { createMemoryRateLimiter } from './memory-rate-limiter.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { createRedisRateLimiter } from './redis-rate-limiter.ts';

/** Redis buckets when a URL is configured (shared by replicas), in-process ones otherwise. */
export function createRateLimiter(redisUrl: string | undefined, logger: Logger): RateLimiter {
  return redisUrl ? createRedisRateLimiter(redisUrl, logger) : createMemoryRateLimiter();
}
