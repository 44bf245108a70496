import { randomUUID } from 'node:crypto';
import { createLogger } from '@miyu/platform/logger';
import { testEnv } from '@miyu/testing/env';
import { Redis } from 'ioredis';
import type { DomainEvent, EventAdapters } from './event-types.ts';
import { createMemoryEventAdapters } from './memory/create-memory-adapters.ts';
import { createRedisEventAdapters } from './redis/create-redis-adapters.ts';

export type AdapterKind = 'memory' | 'redis';

/** `memory` always; `redis` too when REDIS_URL is set. */
export function adapterKinds(): AdapterKind[] {
  return testEnv().REDIS_URL ? ['memory', 'redis'] : ['memory'];
}

export function testLogger() {
  return createLogger({ service: 'events-test', level: testEnv().MIYU_TEST_LOG_LEVEL });
}

/** A key prefix per test file, so files (and reruns) never see each other's keys. */
export function randomPrefix(): string {
  return `test-events-${randomUUID().slice(0, 8)}:`;
}

export function createTestAdapters(kind: AdapterKind, prefix: string): EventAdapters {
  const url = testEnv().REDIS_URL;
  if (kind === 'memory') return createMemoryEventAdapters({ logger: testLogger() });
  if (!url) throw new Error('REDIS_URL is not set');
  return createRedisEventAdapters({ url, prefix, logger: testLogger() });
}

/** Deletes every key under the prefix (BullMQ's included). */
export async function deleteKeys(prefix: string): Promise<void> {
  const url = testEnv().REDIS_URL;
  if (!url) return;
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export function domainEvent(type: string, payload: Record<string, unknown> = {}): DomainEvent {
  return { id: randomUUID(), type, userId: randomUUID(), at: new Date().toISOString(), payload };
}

export async function waitFor(predicate: () => boolean, timeoutMs = 1_500): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await delay(10);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads the iterator to its end, failing if that takes longer than `timeoutMs`. */
export async function collect<T>(iterator: AsyncIterableIterator<T>, timeoutMs = 1_500): Promise<T[]> {
  const values: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void iterator.return?.();
      reject(new Error(`iteration did not end within ${timeoutMs} ms (got ${values.length})`));
    }, timeoutMs);
  });
  const read = (async () => {
    for await (const value of iterator) values.push(value);
    return values;
  })();
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
