import { randomUUID } from 'node:crypto';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySubgraph } from '../../app.ts';
import { forget, forgetAll, rememberFromMessage, updateMemory } from '../memory/memory.service.ts';
import { recallMemories } from '../memory/memory-recall.ts';
import { bm25Candidates } from './bm25-candidates.ts';

describe('memory subgraph: BM25 recall', () => {
  let memory: TestSubgraph;
  beforeAll(async () => {
    memory = await startTestSubgraph(createMemorySubgraph({ events: createMemoryEventAdapters() }));
  });
  afterAll(() => memory?.close());
  const em = () => memory.orm.em.fork();
  const seed = (userId: string, content: string, occurredAt?: Date) =>
    rememberFromMessage(em(), userId, { content, kind: 'FACT', importance: 0.5, occurredAt });
  const ids = async (userId: string, query: string) =>
    (await recallMemories(em(), userId, { query, limit: 10 })).map((r) => r.memory.content);

  it('counts document frequency over the person’s own memories only', async () => {
    const ada = randomUUID();
    const bob = randomUUID();
    await seed(ada, 'I walked along the river');
    await seed(ada, 'My garden is full of roses');
    // "garden" is in all of Bob's memories: for Bob it says little, for Ada it is rare
    for (let i = 0; i < 5; i++) await seed(bob, `garden note ${i}`);
    const [adaGarden] = await bm25Candidates(em(), ada, ['garden'], 10);
    const [bobGarden] = await bm25Candidates(em(), bob, ['garden'], 10);
    expect(adaGarden?.score).toBeGreaterThan(bobGarden?.score ?? Number.POSITIVE_INFINITY);
    expect(await ids(ada, 'gardens')).toEqual(['My garden is full of roses']);
  });

  it('saturates term frequency and normalises length', async () => {
    const userId = randomUUID();
    const short = await seed(userId, 'tea');
    const repeated = await seed(userId, 'tea tea tea tea tea tea tea tea');
    const long = await seed(userId, 'tea with a long list of other words about mornings kitchens spoons cups and saucers');
    const scores = new Map((await bm25Candidates(em(), userId, ['tea'], 10)).map((c) => [c.id, c.score]));
    const [s, r, l] = [scores.get(short.id), scores.get(repeated.id), scores.get(long.id)] as number[];
    expect(r).toBeGreaterThan(s ?? 0);
    expect(r).toBeLessThan((s ?? 0) * 2.2); // k1 + 1 bounds what repetition can add
    expect(s).toBeGreaterThan(l ?? Number.POSITIVE_INFINITY);
  });

  it('follows edits and forgets at once', async () => {
    const userId = randomUUID();
    const memoryRow = await seed(userId, 'My cat is called Miso');
    await seed(userId, 'I play chess');
    expect(await ids(userId, 'what is my cat called?')).toEqual(['My cat is called Miso']);
    await updateMemory(em(), userId, memoryRow.id, 'My dog is called Rex');
    // the old words are gone from the index at once (the semantic list may still find a dog for 'cat')
    expect(await bm25Candidates(em(), userId, ['cat', 'miso'], 10)).toEqual([]);
    expect(await ids(userId, 'Miso')).toEqual([]);
    expect(await ids(userId, 'dogs')).toEqual(['My dog is called Rex']);
    expect(await forget(em(), userId, memoryRow.id)).toBe(true);
    expect(await ids(userId, 'dog')).toEqual([]);
    expect(await forgetAll(em(), userId)).toBe(1);
    expect(await bm25Candidates(em(), userId, ['chess'], 10)).toEqual([]);
  });

  it('prefers what happened in the month a question names, and the latest for "now"', async () => {
    const userId = randomUUID();
    await seed(userId, 'Pablo and I went climbing today', new Date(Date.UTC(2026, 2, 10)));
    await seed(userId, 'Pablo and I went skating today', new Date(Date.UTC(2026, 5, 10)));
    await seed(userId, 'Pablo called me', new Date(Date.UTC(2026, 7, 1)));
    expect((await ids(userId, 'What did Pablo and I do in March?'))[0]).toBe('Pablo and I went climbing today');
    expect((await ids(userId, 'What did I do with Pablo in June?'))[0]).toBe('Pablo and I went skating today');
    await seed(userId, 'I live in Paris', new Date(Date.UTC(2026, 0, 1)));
    await seed(userId, 'I live in Berlin now, since I moved', new Date(Date.UTC(2026, 8, 1)));
    expect((await ids(userId, 'Where do I live now?'))[0]).toBe('I live in Berlin now, since I moved');
  });

  it('counts a question turn for less than a statement', async () => {
    const userId = randomUUID();
    await seed(userId, 'What is your cat called?');
    await seed(userId, 'My cat is Miso');
    expect((await ids(userId, 'my cat'))[0]).toBe('My cat is Miso');
  });
});
