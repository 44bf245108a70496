import { type RateLimiter, takeTokens } from './rate-limiter.ts';

/** Embedded mode: buckets in this process (bounded; idle buckets are full anyway). */
export function createMemoryRateLimiter(now: () => number = Date.now, maxKeys = 100_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; updatedMs: number }>();
  return {
    async consume(key, policy, cost = 1) {
      const { state, decision } = takeTokens(buckets.get(key), policy, now(), cost);
      if (!buckets.has(key) && buckets.size >= maxKeys) buckets.clear();
      buckets.set(key, state);
      return decision;
    },
    ready: async () => true,
    close: async () => buckets.clear(),
  };
}
