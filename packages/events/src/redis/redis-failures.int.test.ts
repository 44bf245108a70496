import { randomUUID } from 'node:crypto';
import { testEnv } from '@miyu/testing/env';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventAdapters, ReplyChunkRecord } from '../event-types.ts';
import { collect, createTestAdapters, delay, deleteKeys, domainEvent, randomPrefix, waitFor } from '../event-test-support.ts';

const url = testEnv().REDIS_URL;
const prefix = randomPrefix();

/** Failures only a real Redis has: dropped connections and consumers that die mid-event. */
describe.skipIf(!url)('redis event adapters under failure', () => {
  let adapters: EventAdapters;
  let admin: Redis;
  beforeEach(() => {
    adapters = createTestAdapters('redis', prefix);
    admin = new Redis(url as string);
  });
  afterEach(async () => {
    await adapters.close();
    admin.disconnect();
  });
  afterAll(() => deleteKeys(prefix));

  /** CLIENT KILL the connection whose name contains `fragment`; returns how many were killed. */
  async function killConnection(fragment: string): Promise<number> {
    const list = (await admin.call('CLIENT', 'LIST')) as string;
    const ids = list
      .split('\n')
      .filter((line) => line.includes(` name=${prefix}`) && line.includes(fragment))
      .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
    for (const id of ids) await admin.call('CLIENT', 'KILL', 'ID', id);
    return ids.length;
  }

  it('a reply follower keeps every chunk, once, across a forced reconnect', async () => {
    const messageId = randomUUID();
    const expected: ReplyChunkRecord[] = Array.from({ length: 8 }, (_, index) => ({
      messageId,
      seq: index + 1,
      delta: `d${index + 1}`,
      done: index === 7,
    }));
    const received: ReplyChunkRecord[] = [];
    const following = (async () => {
      for await (const chunk of adapters.replyStreams.follow(messageId, 0)) received.push(chunk);
    })();
    for (const chunk of expected.slice(0, 3)) await adapters.replyStreams.append(chunk);
    await waitFor(() => received.length === 3);

    expect(await killConnection(`follow:${messageId}`)).toBe(1);
    // Written while the follower is reconnecting: XREAD from the last seen id picks them up.
    for (const chunk of expected.slice(3, 6)) await adapters.replyStreams.append(chunk);
    await delay(100);
    expect(await killConnection(`follow:${messageId}`)).toBe(1);
    for (const chunk of expected.slice(6)) await adapters.replyStreams.append(chunk);

    await Promise.race([following, delay(1_500).then(() => Promise.reject(new Error('follower did not finish')))]);
    expect(received).toEqual(expected);
  });

  it('redelivers an event a crashed consumer took but never acknowledged', async () => {
    const group = `group-${randomUUID().slice(0, 8)}`;
    const key = `${prefix}events`;
    // Creates the group, then leaves so that the crashing consumer below gets the event.
    await (await adapters.eventLog.consume(group, async () => undefined)).stop();
    const event = domainEvent('message.created', { text: 'hi' });
    await adapters.eventLog.append(event);

    // A consumer in another process reads the event and dies before XACK.
    const crashed = new Redis(url as string);
    const read = (await crashed.xreadgroup('GROUP', group, 'crashed-worker', 'COUNT', 1, 'STREAMS', key, '>')) as [
      string,
      [string, string[]][],
    ][];
    expect(read[0]?.[1]).toHaveLength(1);
    crashed.disconnect();

    const received: string[] = [];
    await adapters.eventLog.consume(group, async (delivered) => void received.push(delivered.id), { retryDelayMs: 100 });
    await waitFor(() => received.length === 1);
    expect(received).toEqual([event.id]);
    await delay(150);
    expect(received).toHaveLength(1); // acknowledged: not claimed again
    const pending = (await admin.call('XPENDING', key, group)) as [number, ...unknown[]];
    expect(pending[0]).toBe(0);
  });

  it('an event-log consumer keeps consuming across a forced reconnect', async () => {
    const group = `group-${randomUUID().slice(0, 8)}`;
    const received: string[] = [];
    await adapters.eventLog.consume(group, async (event) => void received.push(event.type), { retryDelayMs: 100 });
    await adapters.eventLog.append(domainEvent('first'));
    await waitFor(() => received.length === 1);
    expect(await killConnection(`consumer:${group}`)).toBe(1);
    await adapters.eventLog.append(domainEvent('second'));
    await waitFor(() => received.length === 2);
    expect(received).toEqual(['first', 'second']);
  });

  it('a slow handler keeps its event: it is not claimed by another consumer', async () => {
    const group = `group-${randomUUID().slice(0, 8)}`;
    const calls: string[] = [];
    const handler = (who: string) => async () => {
      calls.push(who);
      await delay(400); // four times retryDelayMs
    };
    await adapters.eventLog.consume(group, handler('a'), { retryDelayMs: 100 });
    await adapters.eventLog.consume(group, handler('b'), { retryDelayMs: 100 });
    await adapters.eventLog.append(domainEvent('slow'));
    await waitFor(() => calls.length === 1);
    await delay(600);
    expect(calls).toHaveLength(1);
  });

  it('collects nothing from a stream that never started when aborted', async () => {
    const controller = new AbortController();
    const following = collect(adapters.replyStreams.follow(randomUUID(), 0, controller.signal));
    await delay(30);
    controller.abort();
    expect(await following).toEqual([]);
    // The follower's blocking connection is gone as well.
    await delay(30);
    expect(await killConnection('follow:')).toBe(0);
  });
});
