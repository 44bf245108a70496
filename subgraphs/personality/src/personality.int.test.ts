import type { Principal } from '@miyu/auth/principal';
import { graphqlRequest } from '@miyu/testing/graphql-request';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalitySubgraph } from './app.ts';
import { ALICE, BOB, readUser } from './personality-test-support.ts';

const ANALYZE = `query($text: String!) { analyzeEmotion(text: $text) { primary intensity valence arousal scores { emotion score } } }`;
const MESSAGE_EMOTION = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Message { id emotion { primary valence } } } }`;

describe('personality subgraph: emotion, personas, companion defaults', () => {
  let subgraph: TestSubgraph;
  const anonymous = { kind: 'anonymous' } as const;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(
      createPersonalitySubgraph({ moodHalfLifeMs: 6 * 3600_000, events: createMemoryEventAdapters() }),
    );
  });
  afterAll(() => subgraph?.close());

  it('answers 401 without the internal token', async () => {
    expect((await graphqlRequest(subgraph.url, '{ personas { id } }')).status).toBe(401);
  });

  it('analyses emotion for anyone, negation included', async () => {
    const happy = await subgraph.request<{ analyzeEmotion: { primary: string; valence: number; scores: unknown[] } }>(
      anonymous,
      ANALYZE,
      {
        text: 'I am so happy today, this is wonderful!',
      },
    );
    expect(happy.data?.analyzeEmotion.primary).toBe('JOY');
    expect(happy.data?.analyzeEmotion.valence).toBeGreaterThan(0);
    expect(happy.data?.analyzeEmotion.scores).toHaveLength(8);
    const notHappy = await subgraph.request<{ analyzeEmotion: { primary: string; valence: number } }>(anonymous, ANALYZE, {
      text: 'I am not happy',
    });
    expect(notHappy.errors).toBeUndefined();
    expect(notHappy.data?.analyzeEmotion.primary).not.toBe('JOY');
    expect(notHappy.data?.analyzeEmotion.valence).toBeLessThan(0);
  });

  it('rejects texts over 10,000 characters with BAD_USER_INPUT', async () => {
    const ok = await subgraph.request(anonymous, ANALYZE, { text: 'a'.repeat(10_000) });
    expect(ok.errors).toBeUndefined();
    const tooLong = await subgraph.request(anonymous, ANALYZE, { text: 'a'.repeat(10_001) });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooLong.errors?.[0]?.message).toMatch(/text must be at most 10000 characters/);
  });

  it('lists the seeded personas, MIYU first, for anonymous callers', async () => {
    const response = await subgraph.request(
      anonymous,
      '{ personas { id name description greeting imported traits { agreeableness } } }',
    );
    const personas = (response.data as { personas: { id: string; name: string; imported: boolean }[] }).personas;
    expect(personas.map((p) => [p.id, p.name, p.imported])).toEqual([
      ['miyu', 'MIYU', false],
      ['ren', 'Ren', false],
    ]);
  });

  it('creates the companion state lazily with MIYU, CASUAL, her baseline mood and affinity 50', async () => {
    const { response, user } = await readUser(subgraph, subgraph.asUser(ALICE), ALICE);
    expect(response.errors).toBeUndefined();
    const companion = user?.companion as Record<string, unknown>;
    expect(companion).toMatchObject({
      persona: { id: 'miyu', name: 'MIYU' },
      mode: 'CASUAL',
      mood: { pleasure: 0.3, arousal: 0.1, dominance: 0.1, label: 'JOY' },
      affinity: 50,
      transitions: [],
    });
    // A second read finds the same row rather than creating another.
    const again = await readUser(subgraph, subgraph.asUser(ALICE), ALICE);
    expect((again.user?.companion as { mood?: unknown } | undefined)?.mood).toEqual(companion.mood);
  });

  it('reads a foreign or anonymous User reference as null', async () => {
    expect((await readUser(subgraph, subgraph.asUser(BOB), ALICE)).user).toBeNull();
    expect((await readUser(subgraph, anonymous, ALICE)).user).toBeNull();
  });

  it('needs companion:read for User.companion and companion:write for mutations (API keys)', async () => {
    const readOnly: Principal = { kind: 'apiKey', userId: ALICE, keyId: 'k1', scopes: ['companion:read'] };
    const memoriesOnly: Principal = { kind: 'apiKey', userId: ALICE, keyId: 'k2', scopes: ['memories:read'] };
    expect((await readUser(subgraph, readOnly, ALICE, 'companion { mode }')).user).toEqual({ companion: { mode: 'CASUAL' } });
    const denied = await readUser(subgraph, memoriesOnly, ALICE, 'companion { mode }');
    expect(denied.response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const write = await subgraph.request(readOnly, 'mutation { setMode(mode: PLAYFUL) { mode } }');
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      (await subgraph.request(anonymous, 'mutation { setMode(mode: PLAYFUL) { mode } }')).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect((await readUser(subgraph, readOnly, ALICE, 'companion { mode }')).user).toEqual({ companion: { mode: 'CASUAL' } });
  });

  it('analyses Message.emotion from the representation: USER messages only', async () => {
    const response = await subgraph.request(subgraph.asUser(ALICE), MESSAGE_EMOTION, {
      r: [
        { __typename: 'Message', id: 'm1', content: 'I love this!', role: 'USER' },
        { __typename: 'Message', id: 'm2', content: 'I love this!', role: 'ASSISTANT' },
        { __typename: 'Message', id: 'm3', content: 'You are late again, I am furious.', role: 'USER' },
      ],
    });
    expect(response.errors).toBeUndefined();
    const [joy, assistant, anger] = (response.data as { _entities: { id: string; emotion: { primary: string } | null }[] })
      ._entities;
    expect(joy).toMatchObject({ id: 'm1', emotion: { primary: 'JOY' } });
    expect(assistant).toEqual({ id: 'm2', emotion: null });
    expect(anger?.emotion?.primary).toBe('ANGER');
  });
});
