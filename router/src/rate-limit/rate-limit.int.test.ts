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
