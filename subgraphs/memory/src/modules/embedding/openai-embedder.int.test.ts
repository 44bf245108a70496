import { randomUUID } from 'node:crypto';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type FakeEmbeddingsServer, startFakeEmbeddingsServer } from '@miyu/testing/fake-embeddings/fake-embeddings-server';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySubgraph } from '../../app.ts';
import { tableOf } from '../../db-table.ts';
import { loadEmbeddingsConfig } from '../../env.ts';
import { MemoryEntity } from '../memory/memory.entity.ts';
import { recallMemories } from '../memory/memory-recall.ts';
import { rememberFromMessage } from '../memory/memory.service.ts';
import { embedderFor } from './embedder-for.ts';
import { pgvectorSchema, reembedStaleMemories } from './memory-embeddings.service.ts';
import { createOpenAiEmbedder } from './openai-embedder.ts';
import { cosine } from './sif-embedder.ts';

describe('OpenAI-compatible embeddings (real openai SDK against the fake /v1/embeddings)', () => {
  let fake: FakeEmbeddingsServer;
  let memory: TestSubgraph;
  beforeAll(async () => {
    fake = await startFakeEmbeddingsServer({ synonyms: [['seasick', 'boat', 'cruise', 'sailing']] });
    const embedder = createOpenAiEmbedder({
      apiKey: 'test',
      baseURL: fake.url,
      model: 'fake-embed',
      dimensions: 32,
      batchSize: 2,
    });
    memory = await startTestSubgraph(createMemorySubgraph({ events: createMemoryEventAdapters(), embedder }));
  });
  afterAll(async () => {
    await memory?.close();
    await fake?.close();
  });

  it('is chosen by EMBEDDINGS_BASE_URL, or by OPENAI_API_KEY for OpenAI itself', () => {
    expect(loadEmbeddingsConfig({})).toEqual({ kind: 'offline' });
    expect(loadEmbeddingsConfig({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' })).toEqual({ kind: 'offline' });
    expect(loadEmbeddingsConfig({ EMBEDDINGS_BASE_URL: fake.url, EMBEDDINGS_DIMENSIONS: '32' })).toMatchObject({
      kind: 'openai',
      baseURL: fake.url,
      model: 'text-embedding-3-small',
      dimensions: 32,
      apiKey: 'none',
    });
    expect(embedderFor(loadEmbeddingsConfig({ OPENAI_API_KEY: 'k' })).model).toBe('openai:text-embedding-3-small');
    expect(() => loadEmbeddingsConfig({ EMBEDDINGS_DIMENSIONS: '0' })).toThrow();
  });

  it('embeds in batches with the model and dimensions asked for, unit length', async () => {
    const embedder = createOpenAiEmbedder({
      apiKey: 'test',
      baseURL: fake.url,
      model: 'fake-embed',
      dimensions: 32,
      batchSize: 2,
    });
    const before = fake.requests.length;
    const vectors = await embedder.embed(['I love sailing', 'a boat cruise', 'tax forms']);
    expect(fake.requests.slice(before).map((r) => [r.model, r.input.length, r.dimensions])).toEqual([
      ['fake-embed', 2, 32],
      ['fake-embed', 1, 32],
    ]);
    const [sailing, cruise, tax] = vectors;
    if (!sailing || !cruise || !tax) throw new Error('no vector');
    expect(cosine(sailing, sailing)).toBeCloseTo(1, 5);
    expect(cosine(sailing, cruise)).toBeGreaterThan(cosine(sailing, tax));
    expect(embedder.model).toBe('openai:fake-embed:32');
  });

  it('a failing or slow server gives no vectors instead of an error; recall falls back to the lexical list', async () => {
    const slow = createOpenAiEmbedder({ apiKey: 'test', baseURL: fake.url, model: 'fake-embed', timeoutMs: 200 });
    fake.setDelayMs(1000);
    const started = Date.now();
    expect(await slow.embed(['hello world'])).toEqual([null]);
    expect(Date.now() - started).toBeLessThan(900);
    fake.setDelayMs(0);
    fake.failNext(1);
    const userId = randomUUID();
    const row = await rememberFromMessage(
      memory.orm.em.fork(),
      userId,
      { content: 'I get seasick on a boat', kind: 'FACT' },
      slow,
    );
    const stored = await memory.orm.em.fork().findOneOrFail(MemoryEntity, { id: row.id }, { populate: ['embedding'] });
    expect(stored.embedding).toBeNull();
    expect(await recallMemories(memory.orm.em.fork(), userId, { query: 'boat', limit: 5 }, { embedder: slow })).toHaveLength(1);
  });

  it('stores vectors with their model, finds by meaning, and re-embeds memories of another model', async () => {
    const userId = randomUUID();
    const em = () => memory.orm.em.fork();
    const embedder = createOpenAiEmbedder({ apiKey: 'test', baseURL: fake.url, model: 'fake-embed', dimensions: 32 });
    await rememberFromMessage(em(), userId, { content: 'I get seasick really easily.', kind: 'FACT' }, embedder);
    await rememberFromMessage(em(), userId, { content: 'I filed my tax forms.', kind: 'FACT' }, embedder);
    // no shared word: only the semantic list (the fake's synonyms) can find it
    const found = await recallMemories(em(), userId, { query: 'Should I book a cruise?', limit: 5 }, { embedder });
    expect(found[0]?.memory.content).toBe('I get seasick really easily.');
    const rows = await em().find(MemoryEntity, { userId });
    expect(rows.map((r) => r.embeddingModel)).toEqual(['openai:fake-embed:32', 'openai:fake-embed:32']);
    // another model: both rows are made again in the background job
    const next = createOpenAiEmbedder({ apiKey: 'test', baseURL: fake.url, model: 'fake-embed-2', dimensions: 16 });
    expect(await reembedStaleMemories(em(), next)).toBeGreaterThanOrEqual(2);
    expect((await em().find(MemoryEntity, { userId })).map((r) => r.embeddingModel)).toEqual([
      'openai:fake-embed-2:16',
      'openai:fake-embed-2:16',
    ]);
  });

  it('keeps vectors in pgvector where the server has the extension, and only as float32 bytes where not', async () => {
    const em = memory.orm.em.fork();
    const [available] = (await em
      .getConnection()
      .execute("select count(*)::int as n from pg_available_extensions where name = 'vector'")) as Array<{ n: number }>;
    const schema = await pgvectorSchema(em);
    expect(schema !== null).toBe((available?.n ?? 0) > 0);
    const userId = randomUUID();
    const embedder = createOpenAiEmbedder({ apiKey: 'test', baseURL: fake.url, model: 'fake-embed', dimensions: 8 });
    const row = await rememberFromMessage(em, userId, { content: 'I collect stamps', kind: 'FACT' }, embedder);
    const [stored] = (await em
      .getConnection()
      .execute(
        `select octet_length(embedding) as bytes${schema ? `, "${schema}".vector_dims(embedding_vector) as dims` : ''} from ${tableOf(em, MemoryEntity)} where id = ?`,
        [row.id],
      )) as Array<{ bytes: number; dims?: number }>;
    expect(Number(stored?.bytes)).toBe(8 * 4);
    if (schema) expect(Number(stored?.dims)).toBe(8);
    const found = await recallMemories(em, userId, { query: 'stamps', limit: 5 }, { embedder });
    expect(found.map((r) => r.memory.content)).toEqual(['I collect stamps']);
  });
});
