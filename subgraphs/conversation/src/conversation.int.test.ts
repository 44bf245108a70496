import type { Principal } from '@miyu/auth/principal';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { graphqlRequest } from '@miyu/testing/graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationSubgraph } from './app.ts';
import { ENTITIES, seeder, testOptions } from './conversation-test-support.ts';

const ADA = '00000000-0000-4000-8000-00000000000a';
const BOB = '00000000-0000-4000-8000-00000000000b';
const START = `mutation($input: StartConversationInput!) { startConversation(input: $input) { id title platform createdAt } }`;
const BY_ID = `query($id: ID!) { conversation(id: $id) { id title platform messages { nodes { content } } } }`;
type Started = { startConversation: { id: string; title: string | null; platform: string; createdAt: string } };

describe('conversation subgraph', () => {
  let harness: TestSubgraph;
  let seed: ReturnType<typeof seeder>;
  beforeAll(async () => {
    harness = await startTestSubgraph(createConversationSubgraph(testOptions({ outboxPollMs: 3_600_000 })));
    seed = seeder(harness);
  });
  afterAll(() => harness?.close());

  it('answers 401 without the internal token', async () => {
    expect((await graphqlRequest(harness.url, '{ __typename }')).status).toBe(401);
  });

  it('starts conversations with a trimmed, optional title', async () => {
    const titled = await harness.request<Started>(harness.asUser(ADA), START, {
      input: { platform: 'TELEGRAM', title: '  Plans  ' },
    });
    expect(titled.errors).toBeUndefined();
    expect(titled.data?.startConversation).toMatchObject({ title: 'Plans', platform: 'TELEGRAM' });
    const untitled = await harness.request<Started>(harness.asUser(ADA), START, { input: { platform: 'WEB' } });
    expect(untitled.data?.startConversation.title).toBeNull();
    const blank = await harness.request<Started>(harness.asUser(ADA), START, { input: { platform: 'WEB', title: '   ' } });
    expect(blank.data?.startConversation.title).toBeNull();
    const id = titled.data?.startConversation.id;
    const read = await harness.request(harness.asUser(ADA), BY_ID, { id });
    expect(read.data).toEqual({ conversation: { id, title: 'Plans', platform: 'TELEGRAM', messages: { nodes: [] } } });
  });

  it('rejects a title over 200 characters with BAD_USER_INPUT and stores nothing', async () => {
    const user = '00000000-0000-4000-8000-0000000000c1';
    const response = await harness.request(harness.asUser(user), START, { input: { platform: 'WEB', title: 'x'.repeat(201) } });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/title/);
    const list = await harness.request(
      harness.asUser(user),
      ENTITIES.replace('... on User { id }', '... on User { conversations { nodes { id } } }'),
      {
        r: [{ __typename: 'User', id: user }],
      },
    );
    expect(list.data).toEqual({ _entities: [{ conversations: { nodes: [] } }] });
  });

  it('requires a user, and conversations:write for startConversation', async () => {
    const anonymous = await harness.request({ kind: 'anonymous' }, START, { input: { platform: 'WEB' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const readOnlyKey: Principal = { kind: 'apiKey', userId: ADA, keyId: 'k1', scopes: ['conversations:read'] };
    const denied = await harness.request(readOnlyKey, START, { input: { platform: 'API' } });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const writeKey: Principal = { kind: 'apiKey', userId: ADA, keyId: 'k2', scopes: ['conversations:write'] };
    const allowed = await harness.request<Started>(writeKey, START, { input: { platform: 'API' } });
    expect(allowed.data?.startConversation.platform).toBe('API');
    // and reading needs conversations:read
    const read = await harness.request(writeKey, BY_ID, { id: allowed.data?.startConversation.id });
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('reads a foreign, missing or malformed conversation id as null without errors', async () => {
    const bobs = await seed.conversation(BOB, 'secret');
    await seed.messages(BOB, bobs, ['do not read me']);
    for (const id of [bobs, '00000000-0000-4000-8000-0000000000ff', 'not-a-uuid', "1' or '1'='1"]) {
      const response = await harness.request(harness.asUser(ADA), BY_ID, { id });
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ conversation: null });
    }
    const own = await harness.request(harness.asUser(BOB), BY_ID, { id: bobs.toUpperCase() });
    expect(own.data?.conversation).toMatchObject({ id: bobs, messages: { nodes: [{ content: 'do not read me' }] } });
  });

  it('resolves only own entities through _entities', async () => {
    const bobs = await seed.conversation(BOB, 'bob');
    const [bobMessage] = await seed.messages(BOB, bobs, ['bob private']);
    const adas = await seed.conversation(ADA, 'ada');
    const [adaMessage] = await seed.messages(ADA, adas, ['hello there'], 'ASSISTANT');
    const response = await harness.request(harness.asUser(ADA), ENTITIES, {
      r: [
        { __typename: 'User', id: BOB },
        { __typename: 'Conversation', id: bobs },
        { __typename: 'Message', id: bobMessage },
        { __typename: 'Message', id: 'garbage' },
        { __typename: 'User', id: ADA },
        { __typename: 'Conversation', id: adas },
        { __typename: 'Message', id: adaMessage },
      ],
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toEqual([
      null,
      null,
      null,
      null,
      { id: ADA },
      { id: adas, title: 'ada' },
      { id: adaMessage, role: 'ASSISTANT', content: 'hello there', status: 'COMPLETE', conversation: { id: adas } },
    ]);
  });

  it('rejects bad page sizes and cursors with BAD_USER_INPUT', async () => {
    const id = await seed.conversation(ADA);
    for (const args of ['last: 0', 'last: 101', 'before: "bm9wZQ"']) {
      const response = await harness.request(
        harness.asUser(ADA),
        `query($id: ID!) { conversation(id: $id) { messages(${args}) { nodes { id } } } }`,
        { id },
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const list = await harness.request(
      harness.asUser(ADA),
      ENTITIES.replace('... on User { id }', '... on User { conversations(after: "xyz") { nodes { id } } }'),
      {
        r: [{ __typename: 'User', id: ADA }],
      },
    );
    expect(list.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
