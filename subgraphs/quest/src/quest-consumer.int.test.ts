import { randomUUID } from 'node:crypto';
import { until } from '@miyu/testing/until';
import { type EventType, examplePayload } from '@miyu/events/catalog/event-catalog';
import type { DomainEvent, EventAdapters } from '@miyu/events/event-types';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuestSubgraph } from './app.ts';
import { QuestEventOutboxEntity } from './modules/events/quest-event.entity.ts';
import { questTopic } from './modules/events/quest-consumer.ts';
import { questClient } from './quest-test-support.ts';
import { subscribeTo, type TestSubscription } from '@miyu/testing/subgraph-subscription-client';

const user = (n: number) => `00000000-0000-4000-9100-${String(n).padStart(12, '0')}`;
const PROGRESSED = 'subscription { questProgressed { quest { id } status objectives { current done } } }';
type Progressed = {
  questProgressed: { quest: { id: string }; status: string; objectives: { current: number; done: boolean }[] };
};

describe('quest event processing, outbox relay and questProgressed', () => {
  let harness: TestSubgraph;
  let events: EventAdapters;
  const seen: DomainEvent[] = [];

  beforeAll(async () => {
    events = createMemoryEventAdapters();
    harness = await startTestSubgraph(createQuestSubgraph({ events, outboxIntervalMs: 50 }));
    await events.eventLog.consume('test-observer', async (event) => {
      seen.push(event);
    });
  });
  afterAll(async () => {
    await harness?.close();
    await events?.close();
  });

  /** An event as its producer writes it: the catalog's example payload, about this user. */
  const append = (type: EventType, userId: string, id: string = randomUUID()) => {
    const example: Record<string, unknown> = examplePayload(type);
    const payload = 'userId' in example ? { ...example, userId } : example;
    return events.eventLog.append({ id, type, userId, at: new Date().toISOString(), payload });
  };
  let sentinels = 0;
  /** Events are consumed in order: once a later sentinel event shows, every earlier one was handled. */
  async function drain() {
    const sentinel = questClient(harness, user(9_000 + ++sentinels));
    await sentinel.accept('first-steps');
    await append('conversation.started', sentinel.userId);
    await until(
      () => sentinel.quest('first-steps'),
      (quest) => quest?.status === 'COMPLETED',
    );
  }
  const currentOf = async (client: ReturnType<typeof questClient>, questId: string) =>
    (await client.quest(questId))?.objectives[0]?.current;

  it('advances quests once per event id, for each mapped domain event', async () => {
    const ada = questClient(harness, user(1));
    for (const quest of ['deep-talk', 'first-steps', 'tell-me-about-you', 'try-every-mood']) await ada.accept(quest);
    const id = randomUUID();
    await append('message.created', ada.userId, id);
    await until(
      () => currentOf(ada, 'deep-talk'),
      (current) => current === 1,
    );
    await append('message.created', ada.userId, id);
    await append('memory.created', ada.userId);
    await append('mode.changed', ada.userId);
    await append('mode.changed', ada.userId);
    await append('conversation.started', ada.userId);
    await append('reply.completed', ada.userId);
    await drain();
    const quests = Object.fromEntries(((await ada.view())?.quests ?? []).map((view) => [view.quest.id, view]));
    expect(quests['deep-talk']?.objectives[0]?.current).toBe(1);
    expect(quests['tell-me-about-you']?.objectives[0]?.current).toBe(1);
    expect(quests['try-every-mood']?.objectives[0]?.current).toBe(2);
    expect(quests['first-steps']).toMatchObject({ status: 'COMPLETED', objectives: [{ current: 1, done: true }] });
  });

  it('skips malformed events and keeps consuming', async () => {
    const bea = questClient(harness, user(2));
    await bea.accept('deep-talk');
    await events.eventLog.append({ id: randomUUID(), type: 'message.created', userId: 'nope', at: 'x', payload: {} });
    await events.eventLog.append({
      id: 'x'.repeat(101),
      type: 'message.created',
      userId: bea.userId,
      at: new Date().toISOString(),
      payload: {},
    });
    await append('message.created', bea.userId);
    await until(
      () => currentOf(bea, 'deep-talk'),
      (current) => current === 1,
    );
    expect(await currentOf(bea, 'deep-talk')).toBe(1);
    const refused = (await events.deadLetters.list()).filter((letter) => letter.group === 'quest');
    expect(refused.map((letter) => letter.reason)).toEqual([
      expect.stringMatching(/^malformed envelope: id: /),
      expect.stringMatching(/^malformed envelope: userId: .*; at: /),
    ]);
  });

  it('relays quest.reward_claimed from the outbox to the event log, under the outbox id', async () => {
    const cid = questClient(harness, user(3));
    await cid.accept('say-hello');
    await append('message.created', cid.userId);
    await until(
      () => cid.quest('say-hello'),
      (quest) => quest?.status === 'COMPLETED',
    );
    expect((await cid.claim('say-hello')).data?.claimQuestReward.status).toBe('CLAIMED');
    const claimed = await until(
      async () => seen.filter((event) => event.type === 'quest.reward_claimed' && event.userId === cid.userId),
      (list) => list.length > 0,
    );
    // the relay appends to the log first and marks the row published after: wait for the mark
    const [row] = await until(
      () => harness.orm.em.fork().find(QuestEventOutboxEntity, { userId: cid.userId }),
      (rows) => rows.length === 1 && rows[0]?.publishedAt instanceof Date,
    );
    expect(claimed).toEqual([
      expect.objectContaining({
        id: row?.id,
        payload: expect.objectContaining({ questId: 'say-hello', xp: 20, affinity: 0.01 }),
      }),
    ]);
    expect(row?.publishedAt).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.filter((event) => event.id === row?.id)).toHaveLength(1);
  });

  describe('questProgressed over graphql-ws', () => {
    const danId = user(4);
    let danSub: TestSubscription<Progressed>;
    let eveSub: TestSubscription<Progressed>;

    /** Pokes the topic until the subscription answers: then it is surely live. */
    async function live(sub: TestSubscription<unknown>, userId: string) {
      for (let i = 0; i < 100; i++) {
        await events.pubsub.publish(questTopic(userId), { userId, questIds: ['say-hello'] });
        if (await sub.next(100)) break;
      }
      while (await sub.next(200)) {
        // drop answers to pokes that were still in flight
      }
    }

    beforeAll(async () => {
      danSub = await subscribeTo(harness, harness.asUser(danId), PROGRESSED);
      eveSub = await subscribeTo(harness, harness.asUser(user(5)), PROGRESSED);
      await live(danSub, danId);
      await live(eveSub, user(5));
    });
    afterAll(async () => {
      await danSub?.close();
      await eveSub?.close();
    });

    it("sends the subscriber's progress on each quest an event advanced, and nothing to others", async () => {
      const d = questClient(harness, danId);
      await d.accept('deep-talk');
      await d.accept('say-hello');
      await append('message.created', d.userId);
      const first = [await danSub.next(), await danSub.next()].map((event) => event?.questProgressed);
      expect(first.sort((a, b) => (a?.quest.id ?? '').localeCompare(b?.quest.id ?? ''))).toEqual([
        { quest: { id: 'deep-talk' }, status: 'ACTIVE', objectives: [{ current: 1, done: false }] },
        { quest: { id: 'say-hello' }, status: 'COMPLETED', objectives: [{ current: 1, done: true }] },
      ]);
      await append('message.created', d.userId);
      expect(await danSub.next()).toEqual({
        questProgressed: { quest: { id: 'deep-talk' }, status: 'ACTIVE', objectives: [{ current: 2, done: false }] },
      });
      // an event that advances nothing sends nothing
      await append('conversation.started', d.userId);
      expect(await danSub.next(300)).toBeNull();
      expect(await eveSub.next(300)).toBeNull();
    });

    it('refuses a subscription without a user or without quests:read', async () => {
      const anonymous = await subscribeTo(harness, { kind: 'anonymous' }, PROGRESSED);
      await expect(anonymous.next()).rejects.toThrow(/UNAUTHENTICATED|Authentication required/);
      await anonymous.close();
      const noScope = await subscribeTo(
        harness,
        { kind: 'apiKey', userId: danId, keyId: 'k', scopes: ['companion:read'] },
        PROGRESSED,
      );
      await expect(noScope.next()).rejects.toThrow(/FORBIDDEN|Not authorised/);
      await noScope.close();
    });
  });
});
