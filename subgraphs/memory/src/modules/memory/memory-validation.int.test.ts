import { randomUUID } from 'node:crypto';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySubgraph } from '../../app.ts';
import { MemoryEntity } from './memory.entity.ts';

const REMEMBER = `mutation($input: RememberInput!) { remember(input: $input) { id } }`;
const RECALL = `query($r: [_Any!]!, $q: String!) { _entities(representations: $r) { ... on User { recall(query: $q, limit: 5) { score } } } }`;

describe('memory subgraph: bad input stores nothing', () => {
  let memory: TestSubgraph;
  beforeAll(async () => {
    memory = await startTestSubgraph(createMemorySubgraph({ events: createMemoryEventAdapters() }));
  });
  afterAll(() => memory?.close());

  it('refuses empty, over-long, out-of-range and unknown-kind memories with a clear code, storing none', async () => {
    const userId = randomUUID();
    const me = memory.asUser(userId);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ content: '', kind: 'FACT' }, 'BAD_USER_INPUT', /content.*must not be empty/i],
      [{ content: ' \n\t ', kind: 'FACT' }, 'BAD_USER_INPUT', /must not be empty/i],
      [{ content: 'x'.repeat(10_000), kind: 'FACT' }, 'BAD_USER_INPUT', /at most 2000/i],
      [{ content: 'I like tea', kind: 'FACT', importance: 1.01 }, 'BAD_USER_INPUT', /between 0 and 1/i],
      [{ content: 'I like tea', kind: 'FACT', importance: -1 }, 'BAD_USER_INPUT', /between 0 and 1/i],
    ];
    for (const [input, code, message] of cases) {
      const response = await memory.request(me, REMEMBER, { input });
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(input).slice(0, 80)).toBe(code);
      expect(response.errors?.[0]?.message).toMatch(message);
      expect(response.data?.remember ?? null).toBeNull();
    }
    const unknownKind = await memory.request(me, REMEMBER, { input: { content: 'I like tea', kind: 'GOSSIP' } });
    expect(unknownKind.errors?.[0]?.message).toMatch(/GOSSIP/);
    expect(unknownKind.errors?.[0]?.message).not.toMatch(/at .*\.ts|stack/i);
    expect(await memory.orm.em.fork().count(MemoryEntity, { userId })).toBe(0);
  });

  it('refuses an empty or 10,000-character recall query with BAD_USER_INPUT', async () => {
    const userId = randomUUID();
    for (const q of ['', '   ', 'cat '.repeat(2500)]) {
      const response = await memory.request(memory.asUser(userId), RECALL, { r: [{ __typename: 'User', id: userId }], q });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(/query/i);
    }
  });
});
