import { graphqlRequest } from '@miyu/testing/graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eStack, startE2eStack } from './stack.ts';

describe('isolation between users', () => {
  let stack: E2eStack;
  let ada: { token: string; userId: string };
  let bob: { token: string; userId: string };
  let adaMemoryId: string;
  let adaConversationId: string;

  beforeAll(async () => {
    stack = await startE2eStack();
    ada = await stack.signUp('Ada');
    bob = await stack.signUp('Bob');
    const memory = await stack.gql<{ remember: { id: string } }>(
      'mutation { remember(input: {content: "My secret password hint is aubergine", kind: FACT, importance: 1}) { id } }',
      {},
      ada.token,
    );
    adaMemoryId = memory.data!.remember.id;
    await stack.gql(
      'mutation { remember(input: {content: "I like aubergine a little", kind: PREFERENCE, importance: 0.1}) { id } }',
      {},
      bob.token,
    );
    const conversation = await stack.gql<{ startConversation: { id: string } }>(
      'mutation { startConversation(input: {platform: WEB, title: "private"}) { id } }',
      {},
      ada.token,
    );
    adaConversationId = conversation.data!.startConversation.id;
  });
  afterAll(() => stack?.close());

  it("reads another user's conversation as null, like a missing one", async () => {
    const foreign = await stack.gql(
      'query($id: ID!) { conversation(id: $id) { id title } }',
      { id: adaConversationId },
      bob.token,
    );
    const missing = await stack.gql(
      'query($id: ID!) { conversation(id: $id) { id title } }',
      { id: '5d1f2e7c-0000-4000-8000-000000000000' },
      bob.token,
    );
    expect(foreign).toEqual({ status: 200, data: { conversation: null } });
    expect(missing).toEqual(foreign);
    const malformed = await stack.gql('{ conversation(id: "not-a-uuid") { id } }', {}, bob.token);
    expect(malformed.data).toEqual({ conversation: null });
  });

  it("cannot change another user's memory and changes nothing trying", async () => {
    const update = await stack.gql(
      'mutation($id: ID!) { updateMemory(id: $id, content: "pwned") { id } }',
      { id: adaMemoryId },
      bob.token,
    );
    expect(update.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await stack.gql('mutation($id: ID!) { forget(id: $id) }', { id: adaMemoryId }, bob.token)).data).toEqual({
      forget: false,
    });
    expect((await stack.gql('mutation { forgetAll(confirm: true) }', {}, bob.token)).data).toEqual({ forgetAll: 1 });
    const adaView = await stack.gql<{ me: { memories: { nodes: { id: string; content: string }[] } } }>(
      '{ me { memories { nodes { id content } } } }',
      {},
      ada.token,
    );
    expect(adaView.data!.me.memories.nodes).toEqual([{ id: adaMemoryId, content: 'My secret password hint is aubergine' }]);
  });

  it('never recalls across users', async () => {
    const recall = await stack.gql<{ me: { recall: { memory: { id: string } }[] } }>(
      '{ me { recall(query: "aubergine password hint") { memory { id } } } }',
      {},
      bob.token,
    );
    expect(recall.errors).toBeUndefined();
    expect(recall.data!.me.recall.map((r) => r.memory.id)).not.toContain(adaMemoryId);
  });

  it('refuses direct subgraph calls without the internal token', async () => {
    for (const subgraph of Object.values(stack.subgraphs)) {
      const response = await graphqlRequest(subgraph.url, '{ __typename }');
      expect(response.status, subgraph.name).toBe(401);
      const forged = await graphqlRequest(subgraph.url, '{ __typename }', {}, { 'x-miyu-internal': 'forged.token.value' });
      expect(forged.status, subgraph.name).toBe(401);
    }
  });

  it('answers anonymous callers without private data', async () => {
    expect((await stack.gql('{ me { id } }')).data).toEqual({ me: null });
    const write = await stack.gql('mutation { remember(input: {content: "x", kind: FACT}) { id } }');
    expect(write.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
