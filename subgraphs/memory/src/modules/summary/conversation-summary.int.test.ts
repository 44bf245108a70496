import { randomUUID } from 'node:crypto';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySubgraph } from '../../app.ts';
import { upsertConversationSummary } from './conversation-summary.service.ts';

const SUMMARY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Conversation { summary } } }`;
type Summaries = { _entities: Array<{ summary: string | null } | null> };

describe('memory subgraph: Conversation.summary', () => {
  let memory: TestSubgraph;
  const adaId = randomUUID();
  const bobId = randomUUID();
  const conversation = randomUUID();
  beforeAll(async () => {
    memory = await startTestSubgraph(createMemorySubgraph({ events: createMemoryEventAdapters() }));
  });
  afterAll(() => memory?.close());

  const read = async (userId: string, ids: string[]) => {
    const response = await memory.request<Summaries>(memory.asUser(userId), SUMMARY, {
      r: ids.map((id) => ({ __typename: 'Conversation', id })),
    });
    expect(response.errors).toBeUndefined();
    return response.data?._entities.map((entity) => entity?.summary ?? null);
  };

  it("returns the owner's summary, null for others and for none", async () => {
    expect(await read(adaId, [conversation])).toEqual([null]);
    const row = await upsertConversationSummary(memory.orm.em.fork(), adaId, conversation, '  Talked about Miso the cat. ');
    expect(row).toMatchObject({ conversationId: conversation, userId: adaId, summary: 'Talked about Miso the cat.' });
    expect(await read(adaId, [conversation, randomUUID(), 'not-a-uuid'])).toEqual(['Talked about Miso the cat.', null, null]);
    expect(await read(bobId, [conversation])).toEqual([null]);
  });

  it("replaces the owner's summary and refuses a takeover by another user", async () => {
    await upsertConversationSummary(memory.orm.em.fork(), adaId, conversation, 'Now also about tea.');
    expect(await upsertConversationSummary(memory.orm.em.fork(), bobId, conversation, 'mine now')).toBeNull();
    expect(await read(adaId, [conversation])).toEqual(['Now also about tea.']);
    await expect(upsertConversationSummary(memory.orm.em.fork(), adaId, conversation, ' ')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('needs conversations:read and a user', async () => {
    const key = { kind: 'apiKey', userId: adaId, keyId: 'k', scopes: ['memories:read'] } as const;
    const denied = await memory.request(key, SUMMARY, { r: [{ __typename: 'Conversation', id: conversation }] });
    expect(denied.errors?.[0]?.message).toMatch(/not authori[sz]ed/i);
    const anonymous = await memory.request<Summaries>({ kind: 'anonymous' }, SUMMARY, {
      r: [{ __typename: 'Conversation', id: conversation }],
    });
    expect(anonymous.data?._entities).toEqual([null]);
  });

  it('loads summaries for many conversations in one query', async () => {
    const ids = Array.from({ length: 6 }, () => randomUUID());
    for (const id of ids) await upsertConversationSummary(memory.orm.em.fork(), adaId, id, `summary ${id}`);
    const count = async (n: number) => {
      memory.queryCounter.reset();
      expect(await read(adaId, ids.slice(0, n))).toEqual(ids.slice(0, n).map((id) => `summary ${id}`));
      return memory.queryCounter.count;
    };
    const two = await count(2);
    expect(await count(6)).toBe(two);
    expect(two).toBe(1);
  });
});
