import { randomUUID } from 'node:crypto';
import { until } from '@miyu/testing/until';
import { examplePayload } from '@miyu/events/catalog/event-catalog';
import type { DomainEvent, EventAdapters } from '@miyu/events/event-types';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalitySubgraph } from './app.ts';
import { companionTopic } from './modules/companion/companion-events.ts';
import { readUser } from './personality-test-support.ts';
import { subscribeTo, type TestSubscription } from '@miyu/testing/subgraph-subscription-client';

const user = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const COMPANION = 'companion { mode mood { label } affinity transitions { to reason } }';
const CHANGED = 'subscription { companionChanged { mode affinity mood { label } } }';

interface Companion {
  mode: string;
  mood: { label: string };
  affinity: number;
  transitions: { to: string; reason: string }[];
}

describe('personality event processing and companionChanged', () => {
  let subgraph: TestSubgraph;
  let events: EventAdapters;
  const seen: DomainEvent[] = [];

  beforeAll(async () => {
    events = createMemoryEventAdapters();
    subgraph = await startTestSubgraph(createPersonalitySubgraph({ moodHalfLifeMs: 6 * 3600_000, events }));
    await events.eventLog.consume('test-observer', async (event) => {
      seen.push(event);
    });
  });
  afterAll(async () => {
    await subgraph?.close();
    await events?.close();
  });

  const companionOf = async (userId: string) =>
    (await readUser<{ companion: Companion }>(subgraph, subgraph.asUser(userId), userId, COMPANION)).user?.companion;
  const append = (type: string, userId: string, payload: Record<string, unknown>, id: string = randomUUID()) =>
    events.eventLog.append({ id, type, userId, at: new Date().toISOString(), payload });
  const messageCreated = (userId: string, content: string, id?: string) =>
    append(
      'message.created',
      userId,
      { userId, conversationId: randomUUID(), messageId: randomUUID(), replyId: randomUUID(), content, platform: 'WEB' },
      id,
    );
  /** Waits until `check` holds (the consumer runs asynchronously). */
  /** Every event appended so far has been handled once a later sentinel's effect shows. */
  let sentinels = 0;
  async function drain() {
    const sentinel = user(999_000 + ++sentinels);
    await append('quest.reward_claimed', sentinel, { ...examplePayload('quest.reward_claimed'), affinity: 0.01 });
    await until(
      () => companionOf(sentinel),
      (c) => c?.affinity === 51,
    );
  }

  it('turns a sad message into a SUPPORTIVE companion, once per event id', async () => {
    const alice = user(1);
    const id = randomUUID();
    await messageCreated(alice, "I'm so sad today", id);
    const after = await until(
      () => companionOf(alice),
      (c) => c?.mode === 'SUPPORTIVE',
    );
    expect(after).toMatchObject({ mode: 'SUPPORTIVE', transitions: [{ to: 'SUPPORTIVE', reason: 'user seems sad' }] });
    // one message pulls the mood off MIYU's joyful baseline (JOY) toward sadness
    expect(after?.mood.label).toBe('NEUTRAL');

    await messageCreated(alice, "I'm so sad today", id);
    await drain();
    expect(await companionOf(alice)).toEqual(after);
  });

  it('raises affinity by a claimed quest reward (a share of the 0..100 range), once', async () => {
    const bob = user(2);
    const id = randomUUID();
    await append(
      'quest.reward_claimed',
      bob,
      { questId: 'tell-me-about-you', periodKey: 'all', xp: 150, affinity: 0.05, badge: null },
      id,
    );
    await until(
      () => companionOf(bob),
      (c) => c?.affinity !== 50,
    );
    await append(
      'quest.reward_claimed',
      bob,
      { questId: 'tell-me-about-you', periodKey: 'all', xp: 150, affinity: 0.05, badge: null },
      id,
    );
    await drain();
    expect((await companionOf(bob))?.affinity).toBe(55);
  });

  it('skips malformed and unknown events and keeps consuming', async () => {
    const carol = user(3);
    await append('message.created', carol, { content: 42 });
    await append('message.created', 'not-a-uuid', { content: 'I am so sad' });
    await append('reply.completed', carol, { content: 'I am so sad' });
    await drain();
    expect(await companionOf(carol)).toMatchObject({ mode: 'CASUAL', affinity: 50, transitions: [] });
    const refused = (await events.deadLetters.list()).filter((letter) => letter.group === 'personality');
    expect(refused.map((letter) => letter.reason)).toEqual([
      expect.stringMatching(/^malformed envelope: userId: /),
      expect.stringMatching(/^malformed message\.created payload: /),
    ]);
  });

  it('appends mode.changed to the event log when setMode really changes the mode', async () => {
    const dave = user(4);
    const setMode = (mode: string) =>
      subgraph.request(subgraph.asUser(dave), 'mutation($m: CompanionMode!) { setMode(mode: $m) { mode } }', { m: mode });
    await setMode('PLAYFUL');
    await setMode('PLAYFUL');
    await setMode('FOCUSED');
    const modeEvents = await until(
      async () => seen.filter((event) => event.type === 'mode.changed' && event.userId === dave),
      (list) => list.length >= 2,
    );
    await drain();
    expect(seen.filter((event) => event.type === 'mode.changed' && event.userId === dave)).toHaveLength(2);
    expect(modeEvents.map((event) => event.payload)).toMatchObject([
      { from: 'CASUAL', to: 'PLAYFUL', reason: 'requested by user' },
      { from: 'PLAYFUL', to: 'FOCUSED' },
    ]);
    expect(modeEvents[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(modeEvents[0]?.id).not.toBe(modeEvents[1]?.id);
  });

  describe('companionChanged over graphql-ws', () => {
    const erin = user(5);
    const frank = user(6);
    let erinSub: TestSubscription<{ companionChanged: { mode: string; affinity: number } }>;
    let frankSub: TestSubscription<{ companionChanged: { mode: string; affinity: number } }>;

    /** Pokes the topic until the subscription answers: then it is surely live. */
    async function live(sub: TestSubscription<unknown>, userId: string) {
      for (let i = 0; i < 100; i++) {
        await events.pubsub.publish(companionTopic(userId), { userId, cause: 'test' });
        if (await sub.next(100)) break;
      }
      while (await sub.next(200)) {
        // drop answers to pokes that were still in flight
      }
    }

    beforeAll(async () => {
      erinSub = await subscribeTo(subgraph, subgraph.asUser(erin), CHANGED);
      frankSub = await subscribeTo(subgraph, subgraph.asUser(frank), CHANGED);
      await live(erinSub, erin);
      await live(frankSub, frank);
    });
    afterAll(async () => {
      await erinSub?.close();
      await frankSub?.close();
    });

    it('sends the new state after setMode, a message and a persona switch, to that user only', async () => {
      await subgraph.request(subgraph.asUser(erin), 'mutation { setMode(mode: REFLECTIVE) { mode } }');
      expect(await erinSub.next()).toEqual({ companionChanged: { mode: 'REFLECTIVE', affinity: 50, mood: { label: 'JOY' } } });

      await messageCreated(erin, "I'm so sad today, I feel lonely");
      expect((await erinSub.next())?.companionChanged.mode).toBe('SUPPORTIVE');

      await subgraph.request(subgraph.asUser(erin), 'mutation { choosePersona(personaId: "ren") { persona { id } } }');
      expect((await erinSub.next())?.companionChanged.mode).toBe('SUPPORTIVE');

      // none of Erin's changes reached Frank's subscription
      expect(await frankSub.next(300)).toBeNull();
    });

    it('refuses a subscription without a user', async () => {
      const anonymous = await subscribeTo(subgraph, { kind: 'anonymous' }, CHANGED);
      await expect(anonymous.next()).rejects.toThrow(/UNAUTHENTICATED|Authentication required/);
      await anonymous.close();
      const noScope = await subscribeTo(subgraph, { kind: 'apiKey', userId: erin, keyId: 'k', scopes: ['quests:read'] }, CHANGED);
      await expect(noScope.next()).rejects.toThrow(/FORBIDDEN|Not authorised/);
      await noScope.close();
    });
  });
});
