import type { Principal } from '@miyu/auth/principal';
import { QuestEventOutboxEntity } from './modules/events/quest-event.entity.ts';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { graphqlRequest } from '@miyu/testing/graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuestSubgraph } from './app.ts';
import { questClient } from './quest-test-support.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('quest subgraph', () => {
  let harness: TestSubgraph;
  beforeAll(async () => {
    harness = await startTestSubgraph(createQuestSubgraph({ events: createMemoryEventAdapters() }));
  });
  afterAll(() => harness?.close());

  it('answers 401 without the internal token', async () => {
    expect((await graphqlRequest(harness.url, '{ questCatalog { id } }')).status).toBe(401);
  });

  it('serves the catalog to anyone', async () => {
    const response = await harness.request<{
      questCatalog: {
        id: string;
        kind: string;
        objectives: { target: number }[];
        reward: { xp: number; badge: string | null };
      }[];
    }>(
      { kind: 'anonymous' },
      '{ questCatalog { id title description kind repeatable objectives { id description target } reward { xp affinity badge } } }',
    );
    expect(response.errors).toBeUndefined();
    const catalog = response.data?.questCatalog ?? [];
    expect(catalog.map((quest) => quest.id)).toEqual([
      'say-hello',
      'deep-talk',
      'first-steps',
      'tell-me-about-you',
      'try-every-mood',
      'week-together',
    ]);
    expect(catalog.find((quest) => quest.id === 'week-together')).toMatchObject({
      kind: 'LONG_RUNNING',
      objectives: [{ target: 7 }],
      reward: { xp: 300, badge: 'devoted' },
    });
    expect(catalog.find((quest) => quest.id === 'deep-talk')).toMatchObject({ kind: 'DAILY', reward: { badge: null } });
  });

  it('accepts, completes through events, claims once and levels up', async () => {
    const ada = questClient(harness, id(1));
    expect((await ada.view())?.progression).toEqual({ level: 1, xp: 0, xpToNextLevel: 100, streakDays: 0, badges: [] });
    const accepted = await ada.accept('first-steps');
    expect(accepted.data?.acceptQuest).toEqual({ quest: { id: 'first-steps' }, status: 'ACTIVE', objectives: [{ current: 0 }] });
    expect((await ada.accept('first-steps')).data?.acceptQuest.status).toBe('ACTIVE');
    const early = await ada.claim('first-steps');
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(early.errors?.[0]?.message).toBe('Quest "First steps" is not completed yet.');

    expect(await ada.record('conversation.started', { id: 'evt-1' })).toEqual({
      applied: true,
      completedQuestIds: ['first-steps'],
      changedQuestIds: ['first-steps'],
    });
    expect(await ada.record('conversation.started', { id: 'evt-1' })).toEqual({
      applied: false,
      completedQuestIds: [],
      changedQuestIds: [],
    });
    const completed = await ada.quest('first-steps');
    expect(completed).toMatchObject({ status: 'COMPLETED', objectives: [{ current: 1, done: true }], claimedAt: null });
    expect(completed?.completedAt).toEqual(expect.any(String));

    const claimed = await ada.claim('first-steps');
    expect(claimed.data?.claimQuestReward).toMatchObject({ quest: { id: 'first-steps' }, status: 'CLAIMED' });
    expect((await ada.view())?.progression).toEqual({ level: 1, xp: 50, xpToNextLevel: 50, streakDays: 1, badges: ['newcomer'] });

    await ada.accept('tell-me-about-you');
    for (const eventId of ['m1', 'm2', 'm2', 'm3']) await ada.record('memory.created', { id: eventId });
    expect((await ada.quest('tell-me-about-you'))?.objectives[0]).toMatchObject({ current: 3, done: true });
    expect((await ada.claim('tell-me-about-you')).data?.claimQuestReward.status).toBe('CLAIMED');
    expect((await ada.view())?.progression).toMatchObject({ level: 2, xp: 200, xpToNextLevel: 183, badges: ['newcomer'] });

    const again = await ada.claim('tell-me-about-you');
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toMatch(/already claimed/);
    const repeat = await ada.accept('first-steps');
    expect(repeat.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await ada.view())?.progression.xp).toBe(200);
    const outbox = await harness.orm.em
      .fork()
      .find(QuestEventOutboxEntity, { userId: ada.userId }, { orderBy: { createdAt: 'asc' } });
    expect(outbox.map((row) => row.payload)).toEqual([
      { questId: 'first-steps', periodKey: 'all', xp: 50, affinity: 0.02, badge: 'newcomer' },
      { questId: 'tell-me-about-you', periodKey: 'all', xp: 150, affinity: 0.05, badge: null },
    ]);
  });

  it('pays a reward once when two claims race', async () => {
    const cy = questClient(harness, id(3));
    await cy.accept('try-every-mood');
    for (let i = 0; i < 3; i++) await cy.record('mode.changed');
    const results = await Promise.all([cy.claim('try-every-mood'), cy.claim('try-every-mood')]);
    expect(results.filter((result) => result.data?.claimQuestReward?.status === 'CLAIMED')).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(1);
    expect((await cy.view())?.progression.xp).toBe(100);
  });

  it('filters by status', async () => {
    const dee = questClient(harness, id(4));
    await dee.accept('say-hello');
    await dee.accept('deep-talk');
    await dee.record('message.sent');
    const ids = async (status: string) => (await dee.view(status))?.quests.map((view) => view.quest.id);
    expect(await ids('ACTIVE')).toEqual(['deep-talk']);
    expect(await ids('COMPLETED')).toEqual(['say-hello']);
    expect(await ids('AVAILABLE')).toEqual(['first-steps', 'tell-me-about-you', 'try-every-mood', 'week-together']);
    expect(await ids('CLAIMED')).toEqual([]);
    expect((await dee.quest('deep-talk'))?.objectives[0]).toMatchObject({ current: 1, done: false, objective: { target: 10 } });
  });

  it('validates input and answers NOT_FOUND for unknown quests', async () => {
    const eve = questClient(harness, id(5));
    const long = await eve.accept('x'.repeat(65));
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0]?.message).toMatch(/questId/);
    expect((await eve.accept('no-such-quest')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await eve.claim('no-such-quest')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badStatus = await harness.request(
      eve.principal,
      `{ _entities(representations: [{__typename: "User", id: "${eve.userId}"}]) { ... on User { quests(status: DONE) { status } } } }`,
    );
    expect(badStatus.errors?.[0]?.message).toMatch(/DONE/);
  });

  it('needs the quests scopes and a user', async () => {
    const reader: Principal = { kind: 'apiKey', userId: id(6), keyId: 'k1', scopes: ['quests:read'] };
    const fan = questClient(harness, id(6), reader);
    expect((await fan.view())?.quests).toHaveLength(6);
    expect((await fan.accept('say-hello')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stranger = questClient(harness, id(6), { kind: 'apiKey', userId: id(6), keyId: 'k2', scopes: ['memories:read'] });
    await expect(stranger.view()).rejects.toThrow(/FORBIDDEN/);
    const anonymous = await harness.request({ kind: 'anonymous' }, `mutation { acceptQuest(questId: "say-hello") { status } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
