import { randomUUID } from 'node:crypto';
import type { EventAdapters } from '@miyu/events/event-types';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { until } from '@miyu/testing/until';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySubgraph } from '../../app.ts';
import { MemoryEntity } from '../memory/memory.entity.ts';
import { remember } from '../memory/memory.service.ts';
import { MemorySourceEntity } from './memory-source.entity.ts';

const MEMORIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User {
  memories(first: 50) { nodes { id content source { id } sources { message { id } conversationId learnedAt } } } } } }`;

interface Node {
  id: string;
  content: string;
  source: { id: string } | null;
  sources: Array<{ message: { id: string }; conversationId: string | null; learnedAt: string }>;
}

describe('memory provenance: sources, and a forgotten fact is not learned again from the same message', () => {
  let memory: TestSubgraph;
  let events: EventAdapters;
  beforeAll(async () => {
    events = createMemoryEventAdapters();
    memory = await startTestSubgraph(createMemorySubgraph({ events }));
  });
  afterAll(async () => {
    await memory?.close();
    await events?.close();
  });

  const memoriesOf = async (userId: string) => {
    const response = await memory.request<{ _entities: ({ memories: { nodes: Node[] } } | null)[] }>(
      memory.asUser(userId),
      MEMORIES,
      { r: [{ __typename: 'User', id: userId }] },
    );
    expect(response.errors).toBeUndefined();
    return response.data?._entities[0]?.memories.nodes ?? [];
  };
  const say = async (userId: string, content: string, ids: { conversationId: string; messageId?: string }) => {
    const event = {
      id: randomUUID(),
      type: 'message.created',
      userId,
      at: new Date().toISOString(),
      payload: {
        userId,
        conversationId: ids.conversationId,
        messageId: ids.messageId ?? randomUUID(),
        replyId: randomUUID(),
        content,
        platform: 'WEB',
      },
    };
    await events.eventLog.append(event);
    return event;
  };
  let sentinels = 0;
  // the consumer applies events in order: once a later one is applied, the earlier ones are too
  const drain = async () => {
    const sentinel = randomUUID();
    await say(sentinel, `I love sentinel${++sentinels}`, { conversationId: randomUUID() });
    await until(
      () => memoriesOf(sentinel),
      (nodes) => nodes.length === 1,
      30_000,
    );
  };
  const CAT = 'by the way my cat is called Miso!';

  it('links a memory to every message it was learned from, with the conversation and when', async () => {
    const ada = randomUUID();
    const conversationId = randomUUID();
    const first = await say(ada, CAT, { conversationId });
    const [learned] = await until(
      () => memoriesOf(ada),
      (nodes) => nodes.length > 0,
      30_000,
    );
    expect(learned?.sources).toEqual([{ message: { id: first.payload.messageId }, conversationId, learnedAt: first.at }]);
    expect(learned?.source).toEqual({ id: first.payload.messageId });
    // said again in another conversation: the same memory, now with two sources, oldest first
    const otherConversation = randomUUID();
    const again = await say(ada, CAT, { conversationId: otherConversation });
    const nodes = await until(
      () => memoriesOf(ada),
      (list) => (list[0]?.sources.length ?? 0) === 2,
      30_000,
    );
    expect(nodes).toHaveLength(1);
    expect(nodes[0]?.sources.map((s) => [s.message.id, s.conversationId])).toEqual([
      [first.payload.messageId, conversationId],
      [again.payload.messageId, otherConversation],
    ]);
    // an explicit remember has no source
    const em = memory.orm.em.fork();
    const typed = await remember(em, ada, { content: 'I typed this myself', kind: 'FACT' });
    expect((await memoriesOf(ada)).find((node) => node.id === typed.id)?.sources).toEqual([]);
  });

  it('forget: the same message delivered again does not bring the fact back; a new message saying it does', async () => {
    const bob = randomUUID();
    const conversationId = randomUUID();
    const said = await say(bob, CAT, { conversationId });
    const [learned] = await until(
      () => memoriesOf(bob),
      (nodes) => nodes.length > 0,
      30_000,
    );
    const FORGET = 'mutation($id: ID!) { forget(id: $id) }';
    expect((await memory.request(memory.asUser(bob), FORGET, { id: learned?.id })).data).toEqual({ forget: true });
    expect(await memory.orm.em.fork().count(MemorySourceEntity, { userId: bob })).toBe(0);
    // the same message again (a new event id, as a replay or a re-extraction would send it)
    await say(bob, CAT, { conversationId, messageId: said.payload.messageId });
    await drain();
    expect(await memoriesOf(bob)).toEqual([]);
    // the person says it again: that is new, and it is remembered
    const later = await say(bob, CAT, { conversationId });
    const back = await until(
      () => memoriesOf(bob),
      (nodes) => nodes.length > 0,
      30_000,
    );
    expect(back.map((node) => node.sources.map((s) => s.message.id))).toEqual([[later.payload.messageId]]);
  });

  it('an edited memory, once forgotten, is not learned again from its message either', async () => {
    const cy = randomUUID();
    const said = await say(cy, CAT, { conversationId: randomUUID() });
    const [learned] = await until(
      () => memoriesOf(cy),
      (nodes) => nodes.length > 0,
      30_000,
    );
    const me = memory.asUser(cy);
    await memory.request(me, 'mutation($id: ID!) { updateMemory(id: $id, content: "My cat Miso is black") { id } }', {
      id: learned?.id,
    });
    await memory.request(me, 'mutation($id: ID!) { forget(id: $id) }', { id: learned?.id });
    await say(cy, CAT, { conversationId: randomUUID(), messageId: said.payload.messageId });
    await drain();
    expect(await memory.orm.em.fork().count(MemoryEntity, { userId: cy })).toBe(0);
  });

  it('forgetAll(confirm: true) also keeps every forgotten fact from coming back from its messages', async () => {
    const dee = randomUUID();
    const said = await say(dee, CAT, { conversationId: randomUUID() });
    await until(
      () => memoriesOf(dee),
      (nodes) => nodes.length > 0,
      30_000,
    );
    const response = await memory.request(memory.asUser(dee), 'mutation { forgetAll(confirm: true) }');
    expect(response.data).toEqual({ forgetAll: 1 });
    await say(dee, CAT, { conversationId: randomUUID(), messageId: said.payload.messageId });
    await drain();
    expect(await memoriesOf(dee)).toEqual([]);
  });
});
