import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationSubgraph } from '../../app.ts';
import { appendMessage } from './message.service.ts';
import { seeder, testOptions } from '../../conversation-test-support.ts';

const ADA = '00000000-0000-4000-8000-00000000000a';
const BOB = '00000000-0000-4000-8000-00000000000b';
type Page<T> = {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};
const MESSAGES = `query($id: ID!, $last: Int, $before: String) { conversation(id: $id) {
  messages(last: $last, before: $before) { nodes { content } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
const CONVERSATIONS = `query($r: [_Any!]!, $first: Int, $after: String, $last: Int) { _entities(representations: $r) { ... on User {
  conversations(first: $first, after: $after) { nodes { id title messages(last: $last) { nodes { id content conversation { id } } } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`;

describe('conversation messages and lists', () => {
  let harness: TestSubgraph;
  let seed: ReturnType<typeof seeder>;
  beforeAll(async () => {
    harness = await startTestSubgraph(createConversationSubgraph(testOptions({ outboxPollMs: 3_600_000 })));
    seed = seeder(harness);
  });
  afterAll(() => harness?.close());

  const messagesPage = async (id: string, last: number, before?: string | null) => {
    const response = await harness.request<{ conversation: { messages: Page<{ content: string }> } }>(
      harness.asUser(ADA),
      MESSAGES,
      { id, last, before },
    );
    expect(response.errors).toBeUndefined();
    const page = response.data?.conversation.messages;
    if (!page) throw new Error('no page');
    return { contents: page.nodes.map((node) => node.content), pageInfo: page.pageInfo };
  };

  it('pages backwards through messages, each page in chronological order', async () => {
    const id = await seed.conversation(ADA);
    await seed.messages(ADA, id, ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    const newest = await messagesPage(id, 3);
    expect(newest.contents).toEqual(['m5', 'm6', 'm7']);
    expect(newest.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const middle = await messagesPage(id, 3, newest.pageInfo.startCursor);
    expect(middle.contents).toEqual(['m2', 'm3', 'm4']);
    expect(middle.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const oldest = await messagesPage(id, 3, middle.pageInfo.startCursor);
    expect(oldest.contents).toEqual(['m1']);
    expect(oldest.pageInfo.hasPreviousPage).toBe(false);
    const exact = await messagesPage(id, 4, middle.pageInfo.endCursor);
    expect(exact.contents).toEqual(['m1', 'm2', 'm3']);
    expect(exact.pageInfo.hasPreviousPage).toBe(false);
    expect((await messagesPage(id, 50)).contents).toHaveLength(7);
  });

  it('keeps append order for messages written in the same millisecond', async () => {
    const id = await seed.conversation(ADA);
    const em = harness.orm.em.fork();
    await em.transactional(async (tx) => {
      await appendMessage(tx, {
        conversationId: id,
        userId: ADA,
        role: 'USER',
        content: 'question',
        status: 'COMPLETE',
        model: null,
      });
      await appendMessage(tx, {
        conversationId: id,
        userId: ADA,
        role: 'ASSISTANT',
        content: 'answer',
        status: 'PENDING',
        model: null,
      });
    });
    expect((await messagesPage(id, 2)).contents).toEqual(['question', 'answer']);
  });

  it('refuses to append to a foreign conversation and writes nothing', async () => {
    const bobs = await seed.conversation(BOB);
    const attempt = appendMessage(harness.orm.em.fork(), {
      conversationId: bobs,
      userId: ADA,
      role: 'USER',
      content: 'x',
      status: 'COMPLETE',
    });
    await expect(attempt).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const read = await harness.request(
      harness.asUser(BOB),
      `query($id: ID!) { conversation(id: $id) { messages { nodes { id } } } }`,
      { id: bobs },
    );
    expect(read.data).toEqual({ conversation: { messages: { nodes: [] } } });
  });

  it('lists conversations most recently active first, with keyset pages', async () => {
    const user = '00000000-0000-4000-8000-0000000000d1';
    const [c1, c2, c3] = [
      await seed.conversation(user, 'c1'),
      await seed.conversation(user, 'c2'),
      await seed.conversation(user, 'c3'),
    ];
    await seed.conversation(BOB, 'not yours');
    await seed.messages(user, c1 ?? '', ['revives c1']);
    type Result = { _entities: [{ conversations: Page<{ id: string; title: string }> }] };
    const list = async (first: number, after?: string | null) => {
      const response = await harness.request<Result>(harness.asUser(user), CONVERSATIONS, {
        r: [{ __typename: 'User', id: user }],
        first,
        after,
        last: 1,
      });
      expect(response.errors).toBeUndefined();
      const page = response.data?._entities[0].conversations;
      if (!page) throw new Error('no page');
      return page;
    };
    const first = await list(2);
    expect(first.nodes.map((node) => node.title)).toEqual(['c1', 'c3']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await list(2, first.pageInfo.endCursor);
    expect(second.nodes.map((node) => node.id)).toEqual([c2]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(c3).toBeDefined();
  });

  it('loads messages for many conversations in a constant number of statements', async () => {
    const countFor = async (user: string, conversations: number) => {
      for (let i = 0; i < conversations; i += 1) {
        const id = await seed.conversation(user, `c${i}`);
        await seed.messages(user, id, ['a', 'b', 'c', 'd', 'e']);
      }
      // the outbox relay polls in the background and its statements are counted too, so the
      // request's own count is the smallest of a few reads
      let fewest = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run += 1) {
        harness.queryCounter.reset();
        const response = await harness.request<{
          _entities: [{ conversations: Page<{ messages: Page<{ content: string; conversation: { id: string } }> }> }];
        }>(harness.asUser(user), CONVERSATIONS, { r: [{ __typename: 'User', id: user }], first: 20, last: 3 });
        expect(response.errors).toBeUndefined();
        const nodes = response.data?._entities[0].conversations.nodes ?? [];
        expect(nodes).toHaveLength(conversations);
        for (const node of nodes) expect(node.messages.nodes.map((message) => message.content)).toEqual(['c', 'd', 'e']);
        fewest = Math.min(fewest, harness.queryCounter.count);
      }
      return fewest;
    };
    const two = await countFor('00000000-0000-4000-8000-0000000000e2', 2);
    const five = await countFor('00000000-0000-4000-8000-0000000000e5', 5);
    expect(two).toBeGreaterThan(0);
    expect(five).toBe(two);
  });
});
