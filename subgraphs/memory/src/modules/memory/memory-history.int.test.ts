import { randomUUID } from 'node:crypto';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySubgraph } from '../../app.ts';
import { MemoryEntity } from './memory.entity.ts';
import { recallMemories } from './memory-recall.ts';
import { forget, rememberFromMessage } from './memory.service.ts';

describe('memory subgraph: changed facts and repeated facts', () => {
  let memory: TestSubgraph;
  beforeAll(async () => {
    memory = await startTestSubgraph(createMemorySubgraph({ events: createMemoryEventAdapters() }));
  });
  afterAll(() => memory?.close());
  const em = () => memory.orm.em.fork();
  const seed = (userId: string, content: string, occurredAt?: Date) =>
    rememberFromMessage(em(), userId, { content, kind: 'FACT', occurredAt });
  const recalled = async (userId: string, query: string) =>
    (await recallMemories(em(), userId, { query, limit: 10 })).map((r) => r.memory.content);
  const row = (id: string) => em().findOneOrFail(MemoryEntity, { id });

  it('a move supersedes where I lived: recall returns only the current city, the old one stays as history', async () => {
    const userId = randomUUID();
    const paris = await seed(userId, 'I live in Paris, right by the river.', new Date(Date.UTC(2026, 0, 5)));
    await seed(userId, 'Pablo moved to Lima for a new job, lucky them.', new Date(Date.UTC(2026, 2, 1)));
    const berlin = await seed(userId, 'I finally moved to Berlin, loving it here so far!', new Date(Date.UTC(2026, 6, 1)));
    expect(berlin.supersededAt).toBeNull();
    const old = await row(paris.id);
    expect(old.supersededById).toBe(berlin.id);
    expect(old.supersededAt).toBeInstanceOf(Date);
    const answer = await recalled(userId, 'Which city do I live in now?');
    expect(answer[0]).toBe('I finally moved to Berlin, loving it here so far!');
    expect(answer).not.toContain('I live in Paris, right by the river.');
    // someone else's move is not mine
    expect((await row(berlin.id)).supersededAt).toBeNull();
    // forgetting the new value undoes the change
    expect(await forget(em(), userId, berlin.id)).toBe(true);
    expect((await row(paris.id)).supersededAt).toBeNull();
    expect((await recalled(userId, 'Where do I live?'))[0]).toBe('I live in Paris, right by the river.');
  });

  it('an older statement arriving late is stored as history at once', async () => {
    const userId = randomUUID();
    const chef = await seed(userId, 'I work as a chef at an Italian restaurant.', new Date(Date.UTC(2026, 5, 1)));
    const nurse = await seed(userId, 'I work as a nurse at the hospital.', new Date(Date.UTC(2025, 1, 1)));
    expect(nurse.supersededById).toBe(chef.id);
    expect((await row(chef.id)).supersededAt).toBeNull();
    expect(await recalled(userId, 'What is my job now?')).toEqual(['I work as a chef at an Italian restaurant.']);
  });

  it('the same fact said twice is one memory, reinforced, and said again it is current again', async () => {
    const userId = randomUUID();
    const first = await seed(userId, 'I’m allergic to peanuts.');
    const again = await seed(userId, 'i’m ALLERGIC to peanuts.');
    expect(again.id).toBe(first.id);
    expect(again.importance).toBeCloseTo(0.55, 9);
    expect(await em().count(MemoryEntity, { userId })).toBe(1);
    const cat = await seed(userId, 'My cat is called Miso.', new Date(Date.UTC(2026, 0, 1)));
    const renamed = await seed(userId, 'My cat is called Pixel.', new Date(Date.UTC(2026, 1, 1)));
    expect((await row(cat.id)).supersededById).toBe(renamed.id);
    const back = await seed(userId, 'My cat is called Miso.', new Date(Date.UTC(2026, 2, 1)));
    expect(back.id).toBe(cat.id);
    expect(back.supersededAt).toBeNull();
    expect((await row(renamed.id)).supersededById).toBe(cat.id);
    expect((await recalled(userId, "What's my cat called?"))[0]).toBe('My cat is called Miso.');
  });
});
