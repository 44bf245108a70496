import { randomUUID } from 'node:crypto';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySubgraph } from '../../app.ts';
import { SIF_MODEL } from '../embedding/sif-embedder.ts';
import { MemoryEntity } from '../memory/memory.entity.ts';
import { rememberFromMessage } from '../memory/memory.service.ts';

const IMPORT = `mutation($input: [ImportMemoryInput!]!) { importMemories(input: $input) { imported merged refused { index reason } } }`;
const EXPORT = `query($after: String, $first: Int) { exportMemories(first: $first, after: $after) { totalCount
  nodes { id content kind importance supersededAt supersededBy { id } history { id content } sources { message { id } } }
  pageInfo { hasNextPage endCursor } } }`;
const RECALL = `query($r: [_Any!]!, $q: String!) { _entities(representations: $r) { ... on User { recall(query: $q, limit: 5) { memory { id content } } } } }`;

interface ExportPage {
  totalCount: number;
  nodes: ExportNode[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
}

interface ExportNode {
  id: string;
  content: string;
  supersededAt: string | null;
  supersededBy: { id: string } | null;
  history: Array<{ id: string; content: string }>;
  sources: Array<{ message: { id: string } }>;
}

describe('memory import and export', () => {
  let memory: TestSubgraph;
  beforeAll(async () => {
    memory = await startTestSubgraph(createMemorySubgraph({ events: createMemoryEventAdapters() }));
  });
  afterAll(() => memory?.close());
  const count = (userId: string) => memory.orm.em.fork().count(MemoryEntity, { userId });

  it('imports valid items in one call and reports each refused one by index and reason', async () => {
    const userId = randomUUID();
    const input = [
      { content: 'I grew up in Lisbon', kind: 'FACT', importance: 0.7 },
      { content: '', kind: 'FACT' },
      { content: 'I like jazz', kind: 'GOSSIP' },
      { content: 'I like climbing', kind: 'PREFERENCE', importance: 1.5 },
      { content: 'x'.repeat(2001), kind: 'FACT' },
      { content: 'i grew up in   LISBON', kind: 'FACT' },
      { content: 'My sister is called Ana', kind: 'RELATIONSHIP', occurredAt: '2025-05-01T00:00:00.000Z' },
    ];
    const response = await memory.request(memory.asUser(userId), IMPORT, { input });
    expect(response.errors).toBeUndefined();
    const report = response.data?.importMemories as {
      imported: number;
      merged: number;
      refused: { index: number; reason: string }[];
    };
    expect(report.imported).toBe(2);
    expect(report.merged).toBe(1);
    expect(report.refused.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(report.refused[0]?.reason).toMatch(/content must not be empty/);
    expect(report.refused[1]?.reason).toMatch(/kind/);
    expect(report.refused[2]?.reason).toMatch(/importance must be between 0 and 1/);
    expect(report.refused[3]?.reason).toMatch(/at most 2000/);
    expect(await count(userId)).toBe(2);
    // imported memories are recalled at once
    const recall = await memory.request<{ _entities: { recall: { memory: { content: string } }[] }[] }>(
      memory.asUser(userId),
      RECALL,
      {
        r: [{ __typename: 'User', id: userId }],
        q: 'I grew up where?',
      },
    );
    expect(recall.errors).toBeUndefined();
    expect(recall.data?._entities[0]?.recall[0]?.memory.content).toBe('I grew up in Lisbon');
  }, 180_000);

  it('refuses more than 1,000 items whole, storing nothing', async () => {
    const userId = randomUUID();
    const input = Array.from({ length: 1001 }, (_, i) => ({ content: `memory ${i}`, kind: 'FACT' }));
    const response = await memory.request(memory.asUser(userId), IMPORT, { input });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/at most 1000/);
    expect(await count(userId)).toBe(0);
  });

  it('imports 1,000 in one call, indexed and embedded; the same items again are merged, reinforced', async () => {
    const userId = randomUUID();
    // a distinct made-up word per item ("tulipbajc"), so one query names exactly one of them
    const word = (i: number) =>
      `tulip${[...i.toString(26).padStart(3, '0')].map((c) => String.fromCharCode(97 + Number.parseInt(c, 26))).join('')}`;
    const input = Array.from({ length: 1000 }, (_, i) => ({
      content: `bulk memory number ${i} about ${word(i)}`,
      kind: 'EVENT',
    }));
    const started = performance.now();
    const response = await memory.request(memory.asUser(userId), IMPORT, { input });
    console.info(`importMemories: 1,000 items in ${Math.round(performance.now() - started)} ms`);
    expect(response.data?.importMemories).toEqual({ imported: 1000, merged: 0, refused: [] });
    expect(await count(userId)).toBe(1000);
    const rows = await memory.orm.em
      .fork()
      .find(MemoryEntity, { userId }, { fields: ['importance', 'embeddingModel', 'docLength'] });
    expect(rows.every((row) => row.embeddingModel === SIF_MODEL && row.docLength > 0 && row.importance === 0.5)).toBe(true);
    const recall = await memory.request<{ _entities: { recall: { memory: { content: string } }[] }[] }>(
      memory.asUser(userId),
      RECALL,
      { r: [{ __typename: 'User', id: userId }], q: `tell me about ${word(737)}` },
    );
    expect(recall.data?._entities[0]?.recall[0]?.memory.content).toBe(`bulk memory number 737 about ${word(737)}`);
    const again = await memory.request(memory.asUser(userId), IMPORT, {
      input: [...input.slice(0, 2), { ...input[2], importance: 0.9 }],
    });
    expect(again.data?.importMemories).toEqual({ imported: 0, merged: 3, refused: [] });
    const first = await memory.orm.em.fork().findOneOrFail(MemoryEntity, { userId, content: input[0]?.content });
    const third = await memory.orm.em.fork().findOneOrFail(MemoryEntity, { userId, content: input[2]?.content });
    expect([first.importance, third.importance]).toEqual([0.55, 0.9]);
  }, 60_000);

  it('exports every memory page by page, oldest first, with history and sources; only the caller’s', async () => {
    const userId = randomUUID();
    const messageId = randomUUID();
    const em = () => memory.orm.em.fork();
    const paris = await rememberFromMessage(em(), userId, {
      content: 'I live in Paris',
      kind: 'FACT',
      sourceMessageId: messageId,
      occurredAt: new Date(Date.UTC(2026, 0, 1)),
    });
    const berlin = await rememberFromMessage(em(), userId, {
      content: 'I moved to Berlin',
      kind: 'FACT',
      occurredAt: new Date(Date.UTC(2026, 5, 1)),
    });
    for (let i = 0; i < 3; i++) await rememberFromMessage(em(), userId, { content: `note ${i}`, kind: 'EVENT' });
    await rememberFromMessage(em(), randomUUID(), { content: 'someone else', kind: 'FACT' });
    const nodes: ExportNode[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const variables: Record<string, unknown> = { first: 2, after };
      const response = await memory.request<{ exportMemories: ExportPage }>(memory.asUser(userId), EXPORT, variables);
      expect(response.errors).toBeUndefined();
      const connection: ExportPage | undefined = response.data?.exportMemories;
      expect(connection?.totalCount).toBe(5);
      nodes.push(...(connection?.nodes ?? []));
      if (!connection?.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(nodes.map((node) => node.content)).toEqual(['I live in Paris', 'I moved to Berlin', 'note 0', 'note 1', 'note 2']);
    const [old, current] = nodes;
    expect(old?.id).toBe(paris.id);
    expect(old?.supersededBy).toEqual({ id: berlin.id });
    expect(old?.supersededAt).not.toBeNull();
    expect(old?.sources).toEqual([{ message: { id: messageId } }]);
    expect(current?.history).toEqual([{ id: paris.id, content: 'I live in Paris' }]);
    const tooBig = await memory.request(memory.asUser(userId), EXPORT, { first: 1001 });
    expect(tooBig.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const anonymous = await memory.request({ kind: 'anonymous' }, EXPORT, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
