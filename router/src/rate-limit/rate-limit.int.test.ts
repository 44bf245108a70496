import { randomUUID } from 'node:crypto';
import { createLogger } from '@miyu/platform/logger';
import { testEnv } from '@miyu/testing/env';
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from './memory-rate-limiter.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { createRedisRateLimiter } from './redis-rate-limiter.ts';

const adapters: [string, () => RateLimiter][] = [['memory', () => createMemoryRateLimiter()]];
const redisUrl = testEnv().REDIS_URL;
if (redisUrl)
  adapters.push(['redis', () => createRedisRateLimiter(redisUrl, createLogger({ service: 'test', level: 'silent' }))]);

describe.each(adapters)('%s rate limiter', (_name, create) => {
  it('allows a burst up to capacity, then refuses with a retry hint, per key', async () => {
    const limiter = create();
    const key = `user:${randomUUID()}`;
    const policy = { capacity: 5, refillPerSecond: 1 };
    const decisions = [];
    for (let i = 0; i < 7; i += 1) decisions.push(await limiter.consume(key, policy));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(decisions[5]?.retryAfterSeconds).toBe(1);
    expect((await limiter.consume(`user:${randomUUID()}`, policy)).allowed).toBe(true);
    expect(await limiter.ready()).toBe(true);
    await limiter.close();
  });

  it('refills over time', async () => {
    const limiter = create();
    const key = `user:${randomUUID()}`;
    const policy = { capacity: 2, refillPerSecond: 20 };
    await limiter.consume(key, policy);
    await limiter.consume(key, policy);
    expect((await limiter.consume(key, policy)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await limiter.consume(key, policy)).allowed).toBe(true);
    await limiter.close();
  });
});

describe.runIf(redisUrl)('redis rate limiter with a local copy of each bucket', () => {
  const logger = createLogger({ service: 'test', level: 'silent' });

  it('decides far from the limit without a round trip, and two routers still share one exact bucket', async () => {
    const a = createRedisRateLimiter(redisUrl as string, logger, 'miyu:rl:', { syncIntervalMs: 20 });
    const b = createRedisRateLimiter(redisUrl as string, logger, 'miyu:rl:', { syncIntervalMs: 20 });
    const key = `user:${randomUUID()}`;
    const policy = { capacity: 100, refillPerSecond: 0.001 };
    const allowedBy = async (limiter: RateLimiter, count: number) => {
      let allowed = 0;
      for (let i = 0; i < count; i += 1) if ((await limiter.consume(key, policy)).allowed) allowed += 1;
      return allowed;
    };
    expect(await allowedBy(a, 40)).toBe(40);
    // the first request of the key asked Redis; the other 39 were decided locally
    expect(a.roundTrips()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // b sees what a spent (synced), so only the 60 left are allowed, the limit itself exactly
    expect(await allowedBy(b, 80)).toBe(60);
    // a's copy is stale until its next sync: what it spends in one interval is the overshoot…
    await allowedBy(a, 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // …after which it asks Redis for every request and is refused
    expect(await allowedBy(a, 5)).toBe(0);
    expect(await allowedBy(b, 5)).toBe(0);
    await Promise.all([a.close(), b.close()]);
  });
});
