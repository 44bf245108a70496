import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuestSubgraph } from './app.ts';
import { QuestProgressEntity } from './modules/progress/quest-progress.entity.ts';
import { addDays, utcDay } from './modules/progression/utc-day.ts';
import { questClient, USER_VIEW } from './quest-test-support.ts';

const id = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

describe('quest events, expiry, streaks and isolation', () => {
  let harness: TestSubgraph;
  beforeAll(async () => {
    harness = await startTestSubgraph(createQuestSubgraph({ events: createMemoryEventAdapters() }));
  });
  afterAll(() => harness?.close());

  it("keeps user B's quests untouched by user A's events and hides A from B", async () => {
    const a = questClient(harness, id(1));
    const b = questClient(harness, id(2));
    await a.accept('say-hello');
    await b.accept('say-hello');
    await a.accept('first-steps');
    expect(await a.record('message.sent')).toMatchObject({ applied: true, completedQuestIds: ['say-hello'] });
    expect(await a.record('conversation.started')).toEqual({
      applied: true,
      completedQuestIds: ['first-steps'],
      changedQuestIds: ['first-steps'],
    });
    expect((await b.quest('say-hello'))?.status).toBe('ACTIVE');
    expect((await b.quest('first-steps'))?.status).toBe('AVAILABLE');
    expect((await b.view())?.progression.streakDays).toBe(0);

    const peek = await harness.request(b.principal, USER_VIEW, {
      r: [
        { __typename: 'User', id: a.userId },
        { __typename: 'User', id: b.userId },
      ],
    });
    expect(peek.errors).toBeUndefined();
    expect((peek.data as { _entities: ({ id: string } | null)[] })._entities.map((user) => user?.id ?? null)).toEqual([
      null,
      b.userId,
    ]);
    // B claiming "A's" quest only ever touches B's own progress
    expect((await b.claim('first-steps')).errors?.[0]?.message).toBe('Quest "First steps" has not been accepted.');
    expect((await a.quest('first-steps'))?.status).toBe('COMPLETED');
  });

  it('expires a daily quest accepted on an earlier day and lets it be accepted again', async () => {
    const c = questClient(harness, id(3));
    await c.accept('deep-talk');
    await c.record('message.sent');
    const em = harness.orm.em.fork();
    const yesterday = addDays(utcDay(new Date()), -1);
    await em.nativeUpdate(QuestProgressEntity, { userId: c.userId, questId: 'deep-talk' }, { periodKey: yesterday });
    const expired = await c.quest('deep-talk');
    expect(expired).toMatchObject({ status: 'EXPIRED', objectives: [{ current: 1, done: false }] });
    expect((await c.view('EXPIRED'))?.quests.map((view) => view.quest.id)).toEqual(['deep-talk']);
    // today's events no longer feed yesterday's quest, and it cannot be claimed
    await c.record('message.sent');
    expect((await c.quest('deep-talk'))?.objectives[0]?.current).toBe(1);
    expect((await c.claim('deep-talk')).errors?.[0]?.message).toBe('Quest "Deep talk" expired before it was completed.');

    const renewed = await c.accept('deep-talk');
    expect(renewed.data?.acceptQuest).toMatchObject({ status: 'ACTIVE', objectives: [{ current: 0 }] });
    const rows = await harness.orm.em.fork().find(QuestProgressEntity, { userId: c.userId }, { orderBy: { periodKey: 'asc' } });
    expect(rows.map((row) => [row.periodKey, row.status])).toEqual([
      [yesterday, 'EXPIRED'],
      [utcDay(new Date()), 'ACTIVE'],
    ]);
  });

  it('repeats a daily quest on a new day but not twice the same day', async () => {
    const d = questClient(harness, id(4));
    await d.accept('say-hello');
    await d.record('message.sent');
    expect((await d.claim('say-hello')).data?.claimQuestReward.status).toBe('CLAIMED');
    const sameDay = await d.accept('say-hello');
    expect(sameDay.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(sameDay.errors?.[0]?.message).toMatch(/tomorrow/);
    await harness.orm.em
      .fork()
      .nativeUpdate(
        QuestProgressEntity,
        { userId: d.userId, questId: 'say-hello' },
        { periodKey: addDays(utcDay(new Date()), -1) },
      );
    expect((await d.quest('say-hello'))?.status).toBe('AVAILABLE');
    expect((await d.accept('say-hello')).data?.acceptQuest.status).toBe('ACTIVE');
    await d.record('message.sent');
    await d.claim('say-hello');
    expect((await d.view())?.progression).toMatchObject({ xp: 40, badges: [] });
  });

  it('computes streaks from active UTC days: 3 in a row, then a gap resets them', async () => {
    const e = questClient(harness, id(5));
    await e.accept('week-together');
    for (const n of [2, 1, 0]) await e.record('memory.created', { at: daysAgo(n) });
    expect((await e.view())?.progression.streakDays).toBe(3);
    expect((await e.quest('week-together'))?.objectives[0]).toMatchObject({ current: 3, done: false });

    const f = questClient(harness, id(6));
    for (const n of [6, 5, 4]) await f.record('message.sent', { at: daysAgo(n) });
    expect((await f.view())?.progression.streakDays).toBe(0);
    await f.record('message.sent');
    expect((await f.view())?.progression.streakDays).toBe(1);
    // accepting picks up the streak already running
    expect((await f.accept('week-together')).data?.acceptQuest.objectives).toEqual([{ current: 1 }]);
  });

  it('completes the streak quest at 7 days and grants its badge', async () => {
    const g = questClient(harness, id(7));
    await g.accept('week-together');
    for (const n of [6, 5, 4, 3, 2, 1]) await g.record('message.sent', { at: daysAgo(n) });
    expect((await g.record('message.sent')).completedQuestIds).toEqual(['week-together']);
    await g.claim('week-together');
    expect((await g.view())?.progression).toEqual({ level: 2, xp: 300, xpToNextLevel: 83, streakDays: 7, badges: ['devoted'] });
  });

  it('reads quests and progression with a constant number of statements (no N+1)', async () => {
    const count = async (userId: string, questIds: string[]) => {
      const h = questClient(harness, userId);
      for (const questId of questIds) await h.accept(questId);
      await h.record('message.sent');
      // the outbox relay polls in the background and its statements are counted too, so the
      // request's own count is the smallest of a few reads
      let fewest = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run += 1) {
        harness.queryCounter.reset();
        const view = await h.view();
        expect(view?.quests.filter((quest) => quest.status !== 'AVAILABLE')).toHaveLength(questIds.length);
        fewest = Math.min(fewest, harness.queryCounter.count);
      }
      return fewest;
    };
    const two = await count(id(8), ['say-hello', 'first-steps']);
    const six = await count(id(9), [
      'say-hello',
      'deep-talk',
      'first-steps',
      'tell-me-about-you',
      'try-every-mood',
      'week-together',
    ]);
    expect(two).toBeGreaterThan(0);
    expect(six).toBe(two);
  });
});
