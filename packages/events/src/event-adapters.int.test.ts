import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent, EventAdapters, ReplyChunkRecord } from './event-types.ts';
import {
  adapterKinds,
  collect,
  createTestAdapters,
  delay,
  deleteKeys,
  domainEvent,
  randomPrefix,
  waitFor,
} from './event-test-support.ts';

const prefix = randomPrefix();
afterAll(() => deleteKeys(prefix));

describe.each(adapterKinds())('event adapters (%s)', (kind) => {
  let adapters: EventAdapters;
  beforeEach(() => {
    adapters = createTestAdapters(kind, prefix);
  });
  afterEach(() => adapters.close());
  const group = () => `group-${randomUUID().slice(0, 8)}`;

  describe('event log', () => {
    it('is ready', async () => {
      expect(await adapters.eventLog.ready()).toBe(true);
    });

    it('fans every event out to every group, in order', async () => {
      const seen: Record<string, string[]> = { a: [], b: [] };
      await adapters.eventLog.consume(group(), async (event) => void seen.a?.push(event.id));
      await adapters.eventLog.consume(group(), async (event) => void seen.b?.push(event.id));
      const events = [domainEvent('message.created', { n: 1 }), domainEvent('reply.completed'), domainEvent('mode.changed')];
      for (const event of events) await adapters.eventLog.append(event);
      await waitFor(() => seen.a?.length === 3 && seen.b?.length === 3);
      expect(seen.a).toEqual(events.map((event) => event.id));
      expect(seen.b).toEqual(events.map((event) => event.id));
    });

    it('delivers the event itself, payload included', async () => {
      const received: DomainEvent[] = [];
      await adapters.eventLog.consume(group(), async (event) => void received.push(event));
      const event = domainEvent('memory.created', { memoryId: 'm1', tags: ['a', 'b'] });
      await adapters.eventLog.append(event);
      await waitFor(() => received.length === 1);
      expect(received[0]).toEqual(event);
    });

    it('delivers each event once per group across two consumers of the group', async () => {
      const name = group();
      const byConsumer: string[][] = [[], []];
      await adapters.eventLog.consume(name, async (event) => void byConsumer[0]?.push(event.id));
      await adapters.eventLog.consume(name, async (event) => void byConsumer[1]?.push(event.id));
      const events = Array.from({ length: 10 }, (_, n) => domainEvent('message.created', { n }));
      for (const event of events) await adapters.eventLog.append(event);
      await waitFor(() => byConsumer.flat().length >= 10);
      await delay(150);
      const all = byConsumer.flat();
      expect(all).toHaveLength(10);
      expect(new Set(all)).toEqual(new Set(events.map((event) => event.id)));
    });

    it('redelivers an event after the handler rejects', async () => {
      const attempts: number[] = [];
      await adapters.eventLog.consume(
        group(),
        async () => {
          attempts.push(Date.now());
          if (attempts.length < 3) throw new Error('transient');
        },
        { retryDelayMs: 60 },
      );
      await adapters.eventLog.append(domainEvent('reply.completed'));
      await waitFor(() => attempts.length === 3);
      await delay(150);
      expect(attempts).toHaveLength(3); // acknowledged on success: no fourth delivery
      expect((attempts[1] ?? 0) - (attempts[0] ?? 0)).toBeGreaterThanOrEqual(50);
    });

    it('hands an event left unacknowledged by a stopped consumer to another one of the group', async () => {
      const name = group();
      let firstCalls = 0;
      const first = await adapters.eventLog.consume(
        name,
        async () => {
          firstCalls += 1;
          throw new Error('crashing');
        },
        { retryDelayMs: 80 },
      );
      const event = domainEvent('message.created');
      await adapters.eventLog.append(event);
      await waitFor(() => firstCalls === 1);
      await first.stop();
      const second: string[] = [];
      await adapters.eventLog.consume(name, async (received) => void second.push(received.id), { retryDelayMs: 80 });
      await waitFor(() => second.length === 1);
      expect(second).toEqual([event.id]);
      expect(firstCalls).toBe(1);
    });

    it('does not replay older events to a new group', async () => {
      await adapters.eventLog.append(domainEvent('old'));
      const seen: string[] = [];
      await adapters.eventLog.consume(group(), async (event) => void seen.push(event.type));
      await adapters.eventLog.append(domainEvent('new'));
      await waitFor(() => seen.length === 1);
      await delay(100);
      expect(seen).toEqual(['new']);
    });

    it('stops delivering after stop()', async () => {
      const seen: string[] = [];
      const consumer = await adapters.eventLog.consume(group(), async (event) => void seen.push(event.type));
      await adapters.eventLog.append(domainEvent('before'));
      await waitFor(() => seen.length === 1);
      await consumer.stop();
      await adapters.eventLog.append(domainEvent('after'));
      await delay(100);
      expect(seen).toEqual(['before']);
    });
  });

  describe('pub/sub', () => {
    it('delivers messages published after subscribe, per topic, until return()', async () => {
      const topic = `topic-${randomUUID()}`;
      const first = adapters.pubsub.subscribe<{ n: number }>(topic);
      const second = adapters.pubsub.subscribe<{ n: number }>(topic);
      const other = adapters.pubsub.subscribe<{ n: number }>(`${topic}-other`);
      await adapters.pubsub.publish(topic, { n: 1 });
      await adapters.pubsub.publish(topic, { n: 2 });
      expect(await first.next()).toEqual({ value: { n: 1 }, done: false });
      expect(await first.next()).toEqual({ value: { n: 2 }, done: false });
      expect(await second.next()).toEqual({ value: { n: 1 }, done: false });

      await first.return?.();
      await adapters.pubsub.publish(topic, { n: 3 });
      expect(await first.next()).toEqual({ value: undefined, done: true });
      expect(await second.next()).toEqual({ value: { n: 2 }, done: false });
      expect(await second.next()).toEqual({ value: { n: 3 }, done: false });

      const pending = other.next(); // nothing was published on this topic
      await other.return?.();
      expect(await pending).toEqual({ value: undefined, done: true });
      await second.return?.();
    });

    it('ends a subscription when its signal aborts', async () => {
      const controller = new AbortController();
      const topic = `topic-${randomUUID()}`;
      const subscription = adapters.pubsub.subscribe(topic, controller.signal);
      await adapters.pubsub.publish(topic, 'hello');
      expect(await subscription.next()).toEqual({ value: 'hello', done: false });
      const pending = subscription.next();
      controller.abort();
      expect(await pending).toEqual({ value: undefined, done: true });
    });
  });

  describe('job queue', () => {
    const queueName = () => `queue-${randomUUID().slice(0, 8)}`;

    it('deduplicates by jobId while queued and counts depth', async () => {
      const queue = adapters.jobQueue<{ n: number }>(queueName());
      await queue.add({ n: 1 }, { jobId: 'reply:m1' });
      await queue.add({ n: 2 }, { jobId: 'reply:m1' });
      await queue.add({ n: 3 }, { jobId: 'reply:m2' });
      expect(await queue.depth()).toBe(2);
      const handled: number[] = [];
      await queue.process(async (data) => void handled.push(data.n));
      await waitFor(() => handled.length === 2);
      expect(handled.sort()).toEqual([1, 3]);
      await expect.poll(() => queue.depth(), { timeout: 1_000 }).toBe(0);
      // Finished jobs are forgotten: the same id can run again.
      await queue.add({ n: 4 }, { jobId: 'reply:m1' });
      await waitFor(() => handled.length === 3);
      expect(handled[2]).toBe(4);
    });

    it('retries a failing job with backoff until it succeeds', async () => {
      const queue = adapters.jobQueue<{ id: string }>(queueName());
      const attempts: { attempt: number; at: number }[] = [];
      await queue.process(async (_data, attempt) => {
        attempts.push({ attempt, at: Date.now() });
        if (attempt < 3) throw new Error('provider down');
      });
      await queue.add({ id: 'x' }, { jobId: 'retrying', attempts: 3, backoffMs: 40 });
      await waitFor(() => attempts.length === 3);
      expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
      const [a, b, c] = attempts.map((entry) => entry.at) as [number, number, number];
      expect(b - a).toBeGreaterThanOrEqual(35); // 40 ms, then doubled
      expect(c - b).toBeGreaterThanOrEqual(75);
      await delay(100);
      expect(attempts).toHaveLength(3);
      expect(await queue.depth()).toBe(0);
    });

    it('gives up after the last attempt', async () => {
      const queue = adapters.jobQueue<{ id: string }>(queueName());
      const attempts: number[] = [];
      await queue.process(async (_data, attempt) => {
        attempts.push(attempt);
        throw new Error('always');
      });
      await queue.add({ id: 'x' }, { jobId: 'doomed', attempts: 2, backoffMs: 10 });
      await waitFor(() => attempts.length === 2);
      await delay(100);
      expect(attempts).toEqual([1, 2]);
      await expect.poll(() => queue.depth(), { timeout: 1_000 }).toBe(0);
    });

    it('respects the concurrency limit', async () => {
      const queue = adapters.jobQueue<{ n: number }>(queueName());
      let running = 0;
      let peak = 0;
      const done: number[] = [];
      for (let n = 0; n < 6; n += 1) await queue.add({ n }, { jobId: `job-${n}` });
      await queue.process(
        async (data) => {
          running += 1;
          peak = Math.max(peak, running);
          await delay(60);
          running -= 1;
          done.push(data.n);
        },
        { concurrency: 2 },
      );
      await waitFor(() => done.length === 6);
      expect(peak).toBe(2);
      expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    });
  });

  describe('dead letters', () => {
    it('keeps refused events with their reason, newest first', async () => {
      const first = domainEvent('message.created', { n: 1 });
      const second = domainEvent('no.such.event');
      await adapters.deadLetters.add({ group: 'g', reason: 'malformed', at: new Date().toISOString(), event: first });
      await adapters.deadLetters.add({ group: 'g', reason: 'unknown type', at: new Date().toISOString(), event: second });
      const letters = await adapters.deadLetters.list(2);
      expect(letters.map((letter) => [letter.reason, letter.event])).toEqual([
        ['unknown type', second],
        ['malformed', first],
      ]);
    });
  });

  describe('reply streams', () => {
    const chunks = (messageId: string, deltas: string[]): ReplyChunkRecord[] =>
      deltas.map((delta, index) => ({ messageId, seq: index + 1, delta, done: index === deltas.length - 1 }));

    it('replays the chunks after afterSeq to a late follower and ends after done', async () => {
      const messageId = randomUUID();
      for (const chunk of chunks(messageId, ['Hel', 'lo', ' the', 're', '!'])) await adapters.replyStreams.append(chunk);
      const rest = await collect(adapters.replyStreams.follow(messageId, 2));
      expect(rest).toEqual(chunks(messageId, ['Hel', 'lo', ' the', 're', '!']).slice(2));
      expect(await collect(adapters.replyStreams.follow(messageId, 5))).toEqual([]);
    });

    it('follows live chunks for early followers, two at once', async () => {
      const messageId = randomUUID();
      const expected = chunks(messageId, ['a', 'b', 'c', 'd']);
      const first = collect(adapters.replyStreams.follow(messageId, 0));
      const second = collect(adapters.replyStreams.follow(messageId, 0));
      await delay(50);
      await adapters.replyStreams.append(expected[0] as ReplyChunkRecord);
      await delay(20);
      for (const chunk of expected.slice(1)) await adapters.replyStreams.append(chunk);
      expect(await first).toEqual(expected);
      expect(await second).toEqual(expected);
    });

    it('resumes from the backlog into live chunks without a gap', async () => {
      const messageId = randomUUID();
      const expected = chunks(messageId, ['1', '2', '3', '4', '5', '6']);
      for (const chunk of expected.slice(0, 3)) await adapters.replyStreams.append(chunk);
      const follower = collect(adapters.replyStreams.follow(messageId, 1));
      for (const chunk of expected.slice(3)) await adapters.replyStreams.append(chunk);
      expect(await follower).toEqual(expected.slice(1));
    });

    it('fences a producer out after another claims the reply once its lease ran out', async () => {
      const messageId = randomUUID();
      const streams = adapters.replyStreams;
      const first = await streams.claim(messageId, 200);
      if (!first.claimed) expect.fail('the first claim of a new reply is refused');
      expect(first.lastSeq).toBe(-1);
      const oldFence = { epoch: first.epoch, leaseMs: 200 };
      await streams.append({ messageId, seq: 0, delta: 'slow ', done: false }, oldFence);
      // the lease runs: a second producer waits
      expect(await streams.claim(messageId, 200)).toMatchObject({ claimed: false });
      await delay(260);
      const second = await streams.claim(messageId, 1_000);
      if (!second.claimed) expect.fail('a claim after the lease ran out is refused');
      expect(second).toMatchObject({ lastSeq: 0 });
      expect(second.epoch).toBeGreaterThan(first.epoch);
      const newFence = { epoch: second.epoch, leaseMs: 1_000 };
      // the first producer was only slow: it can neither append nor renew any more
      await expect(streams.append({ messageId, seq: 1, delta: 'late', done: false }, oldFence)).rejects.toThrow('taken over');
      expect(await streams.renew(messageId, oldFence)).toBe(false);
      expect(await streams.renew(messageId, newFence)).toBe(true);
      await streams.append({ messageId, seq: 1, delta: '', done: false, reset: true }, newFence);
      await streams.append({ messageId, seq: 2, delta: 'whole', done: true }, newFence);
      const seen = await collect(streams.follow(messageId, -1));
      expect(seen.map((chunk) => [chunk.seq, chunk.delta])).toEqual([
        [0, 'slow '],
        [1, ''],
        [2, 'whole'],
      ]);
      // a released lease is claimable at once
      await streams.release(messageId, newFence);
      expect(await streams.claim(messageId, 1_000)).toMatchObject({ claimed: true, lastSeq: 2 });
    });

    it('reset deletes the stream', async () => {
      const messageId = randomUUID();
      await adapters.replyStreams.append({ messageId, seq: 1, delta: 'partial', done: false });
      await adapters.replyStreams.reset(messageId);
      await adapters.replyStreams.append({ messageId, seq: 1, delta: 'again', done: true });
      expect(await collect(adapters.replyStreams.follow(messageId, 0))).toEqual([
        { messageId, seq: 1, delta: 'again', done: true },
      ]);
    });

    it('carries the reset marker of a restarted reply', async () => {
      const messageId = randomUUID();
      await adapters.replyStreams.append({ messageId, seq: 0, delta: 'partial from the model', done: false });
      await adapters.replyStreams.append({ messageId, seq: 1, delta: '', done: false, reset: true });
      await adapters.replyStreams.append({ messageId, seq: 2, delta: 'fallback', done: true });
      const seen = await collect(adapters.replyStreams.follow(messageId, -1));
      expect(seen.map((chunk) => chunk.reset === true)).toEqual([false, true, false]);
    });

    it('drops a chunk appended after the done chunk', async () => {
      const messageId = randomUUID();
      for (const chunk of chunks(messageId, ['a', 'b'])) await adapters.replyStreams.append(chunk);
      await adapters.replyStreams.append({ messageId, seq: 3, delta: 'late', done: false });
      await adapters.replyStreams.append({ messageId, seq: 4, delta: '', done: true });
      expect(await collect(adapters.replyStreams.follow(messageId, -1))).toEqual(chunks(messageId, ['a', 'b']));
    });

    it('seal returns the chunks so far and then takes only a done chunk', async () => {
      const messageId = randomUUID();
      const written = [
        { messageId, seq: 0, delta: 'one ', done: false },
        { messageId, seq: 1, delta: '', done: false, reset: true },
        { messageId, seq: 2, delta: 'two', done: false },
      ];
      const follower = collect(adapters.replyStreams.follow(messageId, -1));
      for (const chunk of written) await adapters.replyStreams.append(chunk);
      expect(await adapters.replyStreams.seal(messageId)).toEqual(written);
      await adapters.replyStreams.append({ messageId, seq: 3, delta: 'after the seal', done: false });
      const done = { messageId, seq: 3, delta: '', done: true };
      await adapters.replyStreams.append(done);
      await adapters.replyStreams.append({ messageId, seq: 4, delta: '', done: true });
      expect(await follower).toEqual([...written, done]);
      // Sealing an ended stream changes nothing and reads the same chunks.
      expect(await adapters.replyStreams.seal(messageId)).toEqual(written);
      expect(await collect(adapters.replyStreams.follow(messageId, -1))).toEqual([...written, done]);
    });

    it('seal races appends without losing one: each is in what seal returned or dropped', async () => {
      const messageId = randomUUID();
      const appends = Array.from({ length: 40 }, (_, seq) =>
        adapters.replyStreams.append({ messageId, seq, delta: `${seq} `, done: false }),
      );
      const sealed = adapters.replyStreams.seal(messageId);
      await Promise.all(appends);
      const before = await sealed;
      await adapters.replyStreams.append({ messageId, seq: 40, delta: '', done: true });
      const stored = await collect(adapters.replyStreams.follow(messageId, -1));
      expect(stored.slice(0, -1)).toEqual(before);
      expect(stored.at(-1)).toEqual({ messageId, seq: 40, delta: '', done: true });
    });

    it('reset also lifts the seal (a retried reply starts over)', async () => {
      const messageId = randomUUID();
      await adapters.replyStreams.seal(messageId);
      await adapters.replyStreams.reset(messageId);
      await adapters.replyStreams.append({ messageId, seq: 0, delta: 'again', done: true });
      expect(await collect(adapters.replyStreams.follow(messageId, -1))).toEqual([
        { messageId, seq: 0, delta: 'again', done: true },
      ]);
    });

    it('stops following on abort or return()', async () => {
      const controller = new AbortController();
      const messageId = randomUUID();
      const aborted = collect(adapters.replyStreams.follow(messageId, 0, controller.signal));
      await delay(30);
      controller.abort();
      expect(await aborted).toEqual([]);
      const iterator = adapters.replyStreams.follow(messageId, 0);
      const pending = iterator.next();
      await delay(30);
      await iterator.return?.();
      expect(await pending).toEqual({ value: undefined, done: true });
    });
  });
});
