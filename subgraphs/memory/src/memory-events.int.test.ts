import { randomUUID } from 'node:crypto';
import { until } from '@miyu/testing/until';
import type { DomainEvent, EventAdapters } from '@miyu/events/event-types';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySubgraph } from './app.ts';
import { MemoryEntity } from './modules/memory/memory.entity.ts';
import { ConversationSummaryEntity } from './modules/summary/conversation-summary.entity.ts';
import { SUMMARY_RECENT_TURNS } from './modules/summary/rolling-summary.ts';
import { renderSummary } from './modules/summary/summary-state.ts';

const MEMORIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User {
  memories { totalCount nodes { content kind importance source { id } } } } } }`;
const RECALL = `query($r: [_Any!]!, $q: String!) { _entities(representations: $r) { ... on User {
  recall(query: $q) { memory { content source { id } } } } } }`;
const SUMMARY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Conversation { summary } } }`;

interface MemoryNode {
  content: string;
  kind: string;
  importance: number;
  source: { id: string } | null;
}

describe('memory event processing: extraction, memory.created, summaries', () => {
  let memory: TestSubgraph;
  let events: EventAdapters;
  const seen: DomainEvent[] = [];

  beforeAll(async () => {
    events = createMemoryEventAdapters();
    memory = await startTestSubgraph(createMemorySubgraph({ events }));
    await events.eventLog.consume('test-observer', async (event) => {
      seen.push(event);
    });
  });
  afterAll(async () => {
    await memory?.close();
    await events?.close();
  });

  const me = (userId: string) => [{ __typename: 'User', id: userId }];
  const memoriesOf = async (userId: string) => {
    const response = await memory.request<{ _entities: ({ memories: { totalCount: number; nodes: MemoryNode[] } } | null)[] }>(
      memory.asUser(userId),
      MEMORIES,
      { r: me(userId) },
    );
    expect(response.errors).toBeUndefined();
    return response.data?._entities[0]?.memories.nodes ?? [];
  };
  const summaryOf = async (userId: string, conversationId: string) =>
    (
      await memory.request<{ _entities: ({ summary: string | null } | null)[] }>(memory.asUser(userId), SUMMARY, {
        r: [{ __typename: 'Conversation', id: conversationId }],
      })
    ).data?._entities[0]?.summary ?? null;
  const messageCreated = (
    userId: string,
    content: string,
    ids: { id?: string; conversationId?: string; messageId?: string; at?: string } = {},
  ) => {
    const event = {
      id: ids.id ?? randomUUID(),
      type: 'message.created',
      userId,
      at: ids.at ?? new Date().toISOString(),
      payload: {
        userId,
        conversationId: ids.conversationId ?? randomUUID(),
        messageId: ids.messageId ?? randomUUID(),
        replyId: randomUUID(),
        content,
        platform: 'WEB',
      },
    };
    return events.eventLog.append(event).then(() => event);
  };
  const replyCompleted = (userId: string, conversationId: string, content: string) =>
    events.eventLog.append({
      id: randomUUID(),
      type: 'reply.completed',
      userId,
      at: new Date().toISOString(),
      payload: {
        userId,
        conversationId,
        messageId: randomUUID(),
        replyToId: randomUUID(),
        content,
        model: 'offline',
        fellBack: false,
      },
    });
  let sentinels = 0;
  /** Events are consumed in order: once a later sentinel's memory shows, every earlier one was handled. */
  async function drain() {
    const sentinel = randomUUID();
    const word = `sentinel${++sentinels}`;
    await messageCreated(sentinel, `I love ${word}`);
    await until(
      () => memoriesOf(sentinel),
      (nodes) => nodes.length === 1,
    );
  }
  const createdFor = (userId: string) => seen.filter((event) => event.type === 'memory.created' && event.userId === userId);

  it('a date in the message is read from when it was said: occurredAt is that date, else the message time', async () => {
    const eve = randomUUID();
    // said on 2026-06-10: "tomorrow" is the 11th, whatever day the test runs
    await messageCreated(eve, 'Tomorrow I have a job interview', { at: '2026-06-10T12:00:00.000Z' });
    await messageCreated(eve, 'My dog is called Rex', { at: '2026-06-10T12:00:00.000Z' });
    await until(
      () => memoriesOf(eve),
      (list) => list.length === 2,
      30_000,
    );
    const rows = await memory.orm.em.fork().find(MemoryEntity, { userId: eve }, { orderBy: { content: 'asc' } });
    expect(rows.map((row) => [row.content, row.occurredAt?.toISOString().slice(0, 10)])).toEqual([
      ['My dog is called Rex', '2026-06-10'],
      ['Tomorrow I have a job interview', '2026-06-11'],
    ]);
  });

  it('remembers "My cat is called Miso" from the message, with its source, and recalls it', async () => {
    const ada = randomUUID();
    const message = await messageCreated(ada, 'by the way my cat is called Miso!');
    // the first memory of the process also loads the offline word vectors (about 1 s, more on a busy machine)
    const nodes = await until(
      () => memoriesOf(ada),
      (list) => list.length > 0,
      30_000,
    );
    expect(nodes).toEqual([
      { content: 'My cat is called Miso', kind: 'FACT', importance: 0.8, source: { id: message.payload.messageId } },
    ]);
    const [stored] = await memory.orm.em.fork().find(MemoryEntity, { userId: ada });
    expect(stored?.occurredAt?.toISOString()).toBe(message.at);

    const recall = await memory.request<{ _entities: { recall: { memory: { content: string; source: { id: string } } }[] }[] }>(
      memory.asUser(ada),
      RECALL,
      { r: me(ada), q: 'what is my cat called?' },
    );
    expect(recall.data?._entities[0]?.recall.map((hit) => hit.memory)).toEqual([
      { content: 'My cat is called Miso', source: { id: message.payload.messageId } },
    ]);
    const created = await until(
      async () => createdFor(ada),
      (list) => list.length > 0,
    );
    expect(created).toEqual([
      expect.objectContaining({
        type: 'memory.created',
        payload: expect.objectContaining({ kind: 'FACT', sourceMessageId: message.payload.messageId }),
      }),
    ]);
  });

  it('applies an event once, and announces only memories that are new', async () => {
    const bob = randomUUID();
    const first = await messageCreated(bob, 'I love green tea and I hate mornings.');
    await until(
      () => memoriesOf(bob),
      (list) => list.length === 2,
    );
    // the same event again, then the same words in a new message
    await messageCreated(bob, 'I love green tea and I hate mornings.', { id: first.id, messageId: first.payload.messageId });
    await messageCreated(bob, 'i LOVE green tea');
    await drain();
    const nodes = await memoriesOf(bob);
    expect(nodes.map((node) => node.content).sort()).toEqual(['I hate mornings', 'I love green tea']);
    expect(nodes.every((node) => node.source?.id === first.payload.messageId)).toBe(true);
    expect(createdFor(bob)).toHaveLength(2);
    expect(new Set(createdFor(bob).map((event) => event.id)).size).toBe(2);
  });

  it('remembers nothing from questions or vague talk, and dead-letters malformed and unknown events', async () => {
    const cid = randomUUID();
    await messageCreated(cid, 'do you like cats? what is my cat called?');
    await messageCreated(cid, "I don't like horror movies");
    const malformed = randomUUID();
    await events.eventLog.append({
      id: malformed,
      type: 'message.created',
      userId: cid,
      at: new Date().toISOString(),
      payload: { content: 'I love bugs' },
    });
    const unknown = randomUUID();
    await events.eventLog.append({
      id: unknown,
      type: 'memory.teleported',
      userId: cid,
      at: new Date().toISOString(),
      payload: {},
    });
    await drain();
    expect((await memoriesOf(cid)).map((node) => [node.content, node.kind])).toEqual([
      ["I don't like horror movies", 'PREFERENCE'],
    ]);
    const letters = (await events.deadLetters.list(1_000)).filter((letter) => letter.group === 'memory');
    const reasonOf = (id: string) => letters.find((letter) => letter.event.id === id)?.reason;
    expect(reasonOf(malformed)).toMatch(/^malformed message\.created payload: /);
    expect(reasonOf(unknown)).toBe('unknown event type "memory.teleported"');
  });

  it('keeps a rolling summary of the turns older than the recent ones, for the owner only', async () => {
    const dee = randomUUID();
    const conversationId = randomUUID();
    await messageCreated(dee, 'My sister is getting married next month. I am nervous.', { conversationId });
    await replyCompleted(dee, conversationId, "**That's wonderful news!** Weddings can be stressful, though.");
    // the reply prompt shows the recent turns in full: the summary starts once a turn is older
    for (let i = 0; i < SUMMARY_RECENT_TURNS - 3; i++) await replyCompleted(dee, conversationId, `Point number ${i}.`);
    await replyCompleted(dee, conversationId, 'Last point.');
    const last = await until(
      async () => (await memory.orm.em.fork().findOne(ConversationSummaryEntity, { conversationId }))?.summary ?? null,
      (stored) => stored?.includes('Last point') ?? false,
    );
    expect(renderSummary(last)).toBeNull();
    expect(await summaryOf(dee, conversationId)).toBeNull();
    await replyCompleted(dee, conversationId, 'One more point to make here.');
    const summary = await until(
      () => summaryOf(dee, conversationId),
      (text) => text !== null,
    );
    // the user's most informative sentence; the companion's small line is too weak to keep
    expect(summary).toBe('User: My sister is getting married next month.');
    expect(await summaryOf(randomUUID(), conversationId)).toBeNull();
  });
});
