import { randomUUID } from 'node:crypto';
import { testEnv } from '@miyu/testing/env';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccountRevocations } from './create-account-revocations.ts';

// in memory by default; the Redis store when REDIS_URL is set (CI runs both)
const { REDIS_URL } = testEnv();
const store = createAccountRevocations({ redisUrl: REDIS_URL, prefix: `miyu-test-${randomUUID()}:` });
afterAll(() => store.close());

describe(`account revocations (${REDIS_URL ? 'Redis' : 'memory'})`, () => {
  it('knows a revoked account at once and no other', async () => {
    const deleted = randomUUID();
    const other = randomUUID();
    expect(await store.isRevoked(deleted)).toBe(false);
    await store.revoke(deleted);
    expect(await store.isRevoked(deleted)).toBe(true);
    expect(await store.isRevoked(other)).toBe(false);
    await store.revoke(deleted); // idempotent
    expect(await store.isRevoked(deleted)).toBe(true);
  });
});
