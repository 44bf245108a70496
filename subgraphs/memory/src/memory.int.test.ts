import { randomUUID } from 'node:crypto';
import type { Principal } from '@miyu/auth/principal';
import { graphqlRequest } from '@miyu/testing/graphql-request';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySubgraph } from './app.ts';

const REMEMBER = `mutation($input: RememberInput!) { remember(input: $input) { id kind content importance createdAt updatedAt source { id } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id memories { totalCount } } ... on Memory { id content } } }`;

interface Remembered {
  remember: { id: string; kind: string; content: string; importance: number; createdAt: string; updatedAt: string };
}

describe('memory subgraph: memories', () => {
  let memory: TestSubgraph;
  let ada: Principal;
  let bob: Principal;
  let adaId: string;
  let bobId: string;
  const save = async (who: Principal, content: string, kind = 'FACT', importance?: number) => {
    const response = await memory.request<Remembered>(who, REMEMBER, {
      input: { content, kind, ...(importance === undefined ? {} : { importance }) },
    });
    expect(response.errors).toBeUndefined();
    return response.data?.remember.id ?? '';
  };
  const list = (who: Principal, userId: string, args = '') =>
    memory.request<{
      _entities: Array<{
        memories: {
          totalCount: number;
          nodes: Array<{ id: string; content: string }>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } | null>;
    }>(
      who,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { memories${args} { totalCount nodes { id content } pageInfo { hasNextPage hasPreviousPage endCursor } } } } }`,
      { r: [{ __typename: 'User', id: userId }] },
    );

  beforeAll(async () => {
    memory = await startTestSubgraph(createMemorySubgraph({ events: createMemoryEventAdapters() }));
    adaId = randomUUID();
    bobId = randomUUID();
    ada = memory.asUser(adaId);
    bob = memory.asUser(bobId);
  });
  afterAll(() => memory?.close());

  it('answers 401 without the internal token', async () => {
    expect((await graphqlRequest(memory.url, '{ __typename }')).status).toBe(401);
  });

  it('remembers with defaults and de-duplicates case/whitespace-insensitively', async () => {
    const first = await memory.request<Remembered>(ada, REMEMBER, {
      input: { content: '  I love green tea ', kind: 'PREFERENCE' },
    });
    expect(first.data?.remember).toMatchObject({
      kind: 'PREFERENCE',
      content: 'I love green tea',
      importance: 0.5,
      source: null,
    });
    const again = await memory.request<Remembered>(ada, REMEMBER, {
      input: { content: 'i LOVE   green\ttea', kind: 'PREFERENCE', importance: 0.9 },
    });
    expect(again.data?.remember.id).toBe(first.data?.remember.id);
    expect(again.data?.remember.importance).toBe(0.9);
    expect(again.data?.remember.content).toBe('I love green tea');
    expect(Date.parse(again.data?.remember.updatedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(first.data?.remember.updatedAt ?? ''),
    );
    // said again without an importance, it is reinforced: a tenth of the way towards 1
    const third = await memory.request<Remembered>(ada, REMEMBER, { input: { content: 'I love green tea', kind: 'PREFERENCE' } });
    expect(third.data?.remember.importance).toBeCloseTo(0.91, 9);
    // the same words for another user are that user's own memory
    const bobs = await save(bob, 'I love green tea');
    expect(bobs).not.toBe(first.data?.remember.id);
    expect((await list(ada, adaId)).data?._entities[0]?.memories.totalCount).toBe(1);
  });

  it('rejects invalid input with BAD_USER_INPUT', async () => {
    const cases = [
      { content: '   ', kind: 'FACT' },
      { content: 'x'.repeat(2001), kind: 'FACT' },
      { content: 'ok', kind: 'FACT', importance: 1.5 },
      { content: 'ok', kind: 'FACT', importance: -0.1 },
    ];
    for (const input of cases) {
      const response = await memory.request(ada, REMEMBER, { input });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const tooLong = await memory.request(ada, `mutation { updateMemory(id: "${randomUUID()}", content: "") { id } }`);
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const recall = await memory.request(
      ada,
      `query($r: [_Any!]!, $q: String!, $l: Int) { _entities(representations: $r) { ... on User { recall(query: $q, limit: $l) { score } } } }`,
      {
        r: [{ __typename: 'User', id: adaId }],
        q: 'x'.repeat(501),
        l: 5,
      },
    );
    expect(recall.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // a recall limit out of range is clamped (1..20), not refused: an error would null all of `me`
    const hugeLimit = await memory.request<{ _entities: { recall: unknown[] }[] }>(
      ada,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { recall(query: "tea", limit: 100000) { score } } } }`,
      {
        r: [{ __typename: 'User', id: adaId }],
      },
    );
    expect(hugeLimit.errors).toBeUndefined();
    expect(hugeLimit.data?._entities[0]?.recall.length).toBeLessThanOrEqual(20);
    const badCursor = await list(ada, adaId, '(after: "bm90LWEtY3Vyc29y")');
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badFirst = await list(ada, adaId, '(first: 0)');
    expect(badFirst.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("updates and forgets only the caller's own memories", async () => {
    const id = await save(ada, 'My favourite colour is blue', 'PREFERENCE');
    const update = `mutation($id: ID!, $c: String!) { updateMemory(id: $id, content: $c) { id content } }`;
    const foreign = await memory.request(bob, update, { id, c: 'hacked' });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const missing = await memory.request(ada, update, { id: randomUUID(), c: 'x' });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await memory.request(ada, update, { id: 'not-a-uuid', c: 'x' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const clash = await memory.request(ada, update, { id, c: 'i love green tea' });
    expect(clash.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await memory.request(ada, update, { id, c: ' My favourite colour is green ' })).data).toEqual({
      updateMemory: { id, content: 'My favourite colour is green' },
    });

    const forget = `mutation($id: ID!) { forget(id: $id) }`;
    expect((await memory.request(bob, forget, { id })).data).toEqual({ forget: false });
    expect((await memory.request(ada, forget, { id: 'nope' })).data).toEqual({ forget: false });
    expect((await memory.request(ada, forget, { id })).data).toEqual({ forget: true });
    expect((await memory.request(ada, forget, { id })).data).toEqual({ forget: false });
  });

  it('hides foreign users and memories in _entities', async () => {
    const mine = await save(bob, 'Bob has a secret');
    const response = await memory.request(ada, ENTITIES, {
      r: [
        { __typename: 'User', id: bobId },
        { __typename: 'Memory', id: mine },
        { __typename: 'Memory', id: 'garbage' },
      ],
    });
    expect(response.data).toEqual({ _entities: [null, null, null] });
    const own = await memory.request(bob, ENTITIES, { r: [{ __typename: 'Memory', id: mine }] });
    expect(own.data).toEqual({ _entities: [{ id: mine, content: 'Bob has a secret' }] });
  });

  it('needs the memories scopes for API keys', async () => {
    const readOnly: Principal = { kind: 'apiKey', userId: adaId, keyId: 'k1', scopes: ['memories:read'] };
    const denied = await memory.request(readOnly, REMEMBER, { input: { content: 'x', kind: 'FACT' } });
    expect(denied.errors?.[0]?.message).toMatch(/not authori[sz]ed/i);
    expect((await list(readOnly, adaId)).data?._entities[0]?.memories.totalCount).toBeGreaterThan(0);
    const noScope: Principal = { kind: 'apiKey', userId: adaId, keyId: 'k2', scopes: ['quests:read'] };
    expect((await list(noScope, adaId)).errors?.[0]?.message).toMatch(/not authori[sz]ed/i);
    expect((await memory.request({ kind: 'anonymous' }, `mutation { forgetAll(confirm: true) }`)).errors?.[0]?.message).toMatch(
      /sign in/i,
    );
  });

  it('paginates newest first over 5 memories with kind filter and totalCount', async () => {
    const carol = memory.asUser(randomUUID());
    const carolId = (carol as { userId: string }).userId;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await save(carol, `memory number ${i}`, i % 2 === 0 ? 'EVENT' : 'FACT'));
    const seen: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    for (let page = 0; page < 3; page++) {
      const response = await list(carol, carolId, after ? `(first: 2, after: "${after}")` : '(first: 2)');
      const connection = response.data?._entities[0]?.memories;
      expect(connection?.totalCount).toBe(5);
      seen.push(...(connection?.nodes.map((node) => node.id) ?? []));
      pages.push(connection?.pageInfo.hasNextPage ?? true);
      after = connection?.pageInfo.endCursor ?? null;
    }
    expect(pages).toEqual([true, true, false]);
    expect(seen).toEqual([...ids].reverse());
    const events = await list(carol, carolId, '(kind: EVENT)');
    expect(events.data?._entities[0]?.memories.totalCount).toBe(3);
    expect(events.data?._entities[0]?.memories.nodes.map((node) => node.content)).toEqual([
      'memory number 4',
      'memory number 2',
      'memory number 0',
    ]);
  });

  it("forgetAll deletes only the caller's memories and returns the count", async () => {
    const dave = memory.asUser(randomUUID());
    const daveId = (dave as { userId: string }).userId;
    await save(dave, 'one');
    await save(dave, 'two');
    await save(dave, 'three');
    const bobBefore = (await list(bob, bobId)).data?._entities[0]?.memories.totalCount ?? 0;
    expect(bobBefore).toBeGreaterThan(0);
    // with confirm: false nothing is deleted
    for (const args of ['(confirm: false)']) {
      const refused = await memory.request(dave, `mutation { forgetAll${args} }`);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toMatch(/confirm: true/);
    }
    expect((await list(dave, daveId)).data?._entities[0]?.memories.totalCount).toBe(3);
    expect((await memory.request(dave, `mutation { forgetAll(confirm: true) }`)).data).toEqual({ forgetAll: 3 });
    expect((await list(dave, daveId)).data?._entities[0]?.memories.totalCount).toBe(0);
    expect((await list(bob, bobId)).data?._entities[0]?.memories.totalCount).toBe(bobBefore);
    expect((await memory.request(dave, `mutation { forgetAll(confirm: true) }`)).data).toEqual({ forgetAll: 0 });
  });
});
