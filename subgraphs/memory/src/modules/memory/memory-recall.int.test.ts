import { randomUUID } from 'node:crypto';
import type { Principal } from '@miyu/auth/principal';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySubgraph } from '../../app.ts';
import { MemoryEntity } from './memory.entity.ts';
import { recallMemories } from './memory-recall.ts';
import { rememberFromMessage } from './memory.service.ts';

const RECALL = `query($r: [_Any!]!, $q: String!, $l: Int) { _entities(representations: $r) { ... on User { recall(query: $q, limit: $l) { score memory { id content } } } } }`;
type Recall = { _entities: Array<{ recall: Array<{ score: number; memory: { id: string; content: string } }> } | null> };

describe('memory subgraph: recall and sources', () => {
  let memory: TestSubgraph;
  const adaId = randomUUID();
  const bobId = randomUUID();
  let ada: Principal;
  let bob: Principal;
  const recall = async (who: Principal, userId: string, q: string, l = 5) => {
    const response = await memory.request<Recall>(who, RECALL, { r: [{ __typename: 'User', id: userId }], q, l });
    expect(response.errors).toBeUndefined();
    return response.data?._entities[0]?.recall ?? [];
  };
  const seed = (userId: string, content: string, importance: number, kind: 'FACT' | 'RELATIONSHIP' | 'PREFERENCE' = 'FACT') =>
    rememberFromMessage(memory.orm.em.fork(), userId, { content, kind, importance });

  beforeAll(async () => {
    memory = await startTestSubgraph(createMemorySubgraph({ events: createMemoryEventAdapters() }));
    ada = memory.asUser(adaId);
    bob = memory.asUser(bobId);
    await seed(adaId, 'My cat is called Miso', 0.5);
    await seed(adaId, 'I am allergic to cats', 0.9);
    await seed(adaId, 'My sister is called Anna', 1, 'RELATIONSHIP');
    await seed(adaId, 'I work as a nurse in Leeds', 0.8);
    await seed(adaId, 'Cats and dogs are both great', 0.7, 'PREFERENCE');
    // Bob's text matches the query better than any of Ada's.
    await seed(bobId, 'My cat is called Pixel; my cat, called Pixel, is called a cat', 1);
  });
  afterAll(() => memory?.close());

  it('ranks the Miso memory first for a question full of stopwords', async () => {
    const results = await recall(ada, adaId, 'what is my cat called?');
    expect(results[0]?.memory.content).toBe('My cat is called Miso');
    expect(results.map((r) => r.memory.content)).not.toContain('I work as a nurse in Leeds');
    for (const r of results) expect(r.score).toBeGreaterThan(0);
    for (const r of results) expect(r.score).toBeLessThanOrEqual(1);
    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((a, b) => b - a));
    expect(await recall(ada, adaId, 'what is my cat called?', 1)).toHaveLength(1);
  });

  it("never returns another user's memory, even a better match", async () => {
    const adaResults = await recall(ada, adaId, 'cat called Pixel', 20);
    expect(adaResults.map((r) => r.memory.content)).not.toContain(
      'My cat is called Pixel; my cat, called Pixel, is called a cat',
    );
    expect(adaResults.length).toBeGreaterThan(0);
    const bobResults = await recall(bob, bobId, 'what is my cat called?', 20);
    expect(bobResults.map((r) => r.memory.content)).toEqual(['My cat is called Pixel; my cat, called Pixel, is called a cat']);
    const foreign = await memory.request<Recall>(ada, RECALL, { r: [{ __typename: 'User', id: bobId }], q: 'cat', l: 5 });
    expect(foreign.data).toEqual({ _entities: [null] });
  });

  it('returns nothing without a lexical match or with only stopwords/punctuation', async () => {
    expect(await recall(ada, adaId, 'quantum chromodynamics')).toEqual([]);
    expect(await recall(ada, adaId, 'what is it?')).toEqual([]);
    expect(await recall(ada, adaId, '?!')).toEqual([]);
    expect(await recall(ada, adaId, "it's (cat:* & !dog) | '")).not.toEqual([]);
  });

  it('prefers the more recent of two equally relevant, equally important memories', async () => {
    const userId = randomUUID();
    const { id: morning } = await seed(userId, 'I drink coffee every morning', 0.5);
    // the same words in another order: equally relevant in both lists (lexical and semantic)
    const { id: evening } = await seed(userId, 'Every morning I drink coffee', 0.5);
    const em = memory.orm.em.fork();
    const age = (id: string, days: number) =>
      em.nativeUpdate(MemoryEntity, { id }, { updatedAt: new Date(Date.now() - days * 86_400_000) });
    await age(morning, 90);
    expect((await recallMemories(em, userId, { query: 'coffee', limit: 5 })).map((r) => r.memory.id)).toEqual([evening, morning]);
    await age(morning, 0);
    await age(evening, 90);
    const swapped = await recallMemories(memory.orm.em.fork(), userId, { query: 'coffee', limit: 5 });
    expect(swapped.map((r) => r.memory.id)).toEqual([morning, evening]);
    // 90 days = three half-lives: the recency part drops from 0.15 to about 0.019
    expect((swapped[0]?.score ?? 0) - (swapped[1]?.score ?? 0)).toBeCloseTo(0.15 * (1 - 0.125), 2);
  });

  it('keeps the source message and serves memories { source } without N+1', async () => {
    const userId = randomUUID();
    const me = memory.asUser(userId);
    const messageId = randomUUID();
    const first = await rememberFromMessage(memory.orm.em.fork(), userId, {
      content: 'Likes jazz',
      kind: 'PREFERENCE',
      importance: 0.4,
      sourceMessageId: messageId,
    });
    // de-duplicated: same row, source kept, importance updated
    const again = await rememberFromMessage(memory.orm.em.fork(), userId, {
      content: 'likes  JAZZ',
      kind: 'PREFERENCE',
      importance: 0.6,
      sourceMessageId: randomUUID(),
    });
    expect(again).toMatchObject({ id: first.id, sourceMessageId: messageId, importance: 0.6 });
    await expect(
      rememberFromMessage(memory.orm.em.fork(), userId, { content: 'x', kind: 'FACT', sourceMessageId: 'nope' }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await rememberFromMessage(memory.orm.em.fork(), userId, { content: 'No source here', kind: 'FACT' });

    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { memories(first: 50) { nodes { id source { id } } } } } }`;
    const run = async () => {
      memory.queryCounter.reset();
      const response = await memory.request<{
        _entities: Array<{ memories: { nodes: Array<{ id: string; source: { id: string } | null }> } }>;
      }>(me, query, {
        r: [{ __typename: 'User', id: userId }],
      });
      return { nodes: response.data?._entities[0]?.memories.nodes ?? [], count: memory.queryCounter.count };
    };
    const small = await run();
    expect(small.nodes).toHaveLength(2);
    expect(small.nodes.find((node) => node.id === first.id)?.source).toEqual({ id: messageId });
    expect(small.nodes.find((node) => node.id !== first.id)?.source).toBeNull();
    for (let i = 0; i < 4; i++)
      await rememberFromMessage(memory.orm.em.fork(), userId, {
        content: `fact ${i}`,
        kind: 'FACT',
        sourceMessageId: randomUUID(),
      });
    const large = await run();
    expect(large.nodes).toHaveLength(6);
    expect(large.count).toBe(small.count);
  });

  it('prefers what happened within a relative date the question names ("last week")', async () => {
    const userId = randomUUID();
    const now = new Date('2026-06-10T12:00:00Z');
    const at = (iso: string) => new Date(iso);
    const old = await rememberFromMessage(memory.orm.em.fork(), userId, {
      content: 'I cooked a big pasta dinner for friends',
      kind: 'EVENT',
      occurredAt: at('2026-04-02T18:00:00Z'),
    });
    const recent = await rememberFromMessage(memory.orm.em.fork(), userId, {
      content: 'I cooked a curry dinner',
      kind: 'EVENT',
      occurredAt: at('2026-06-03T18:00:00Z'),
    });
    const ask = (query: string) =>
      recallMemories(memory.orm.em.fork(), userId, { query, limit: 2 }, { now, countRecall: false }).then((r) =>
        r.map((x) => x.memory.id),
      );
    expect(await ask('what dinner did I cook for friends?')).toEqual([old.id, recent.id]);
    expect(await ask('what dinner did I cook for friends last week?')).toEqual([recent.id, old.id]);
    expect(await ask('what dinner did I cook for friends in April?')).toEqual([old.id, recent.id]);
  });

  it('batches Memory references through one query', async () => {
    const ids = await Promise.all(
      ['alpha one', 'beta two', 'gamma three'].map(async (content) => (await seed(adaId, content, 0.5)).id),
    );
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Memory { id content source { id } } } }`;
    memory.queryCounter.reset();
    const response = await memory.request<{ _entities: Array<{ id: string } | null> }>(ada, query, {
      r: ids.map((id) => ({ __typename: 'Memory', id })),
    });
    expect(response.data?._entities.map((entity) => entity?.id)).toEqual(ids);
    expect(memory.queryCounter.count).toBe(1);
  });
});
