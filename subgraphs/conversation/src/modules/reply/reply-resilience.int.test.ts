import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import type { EventAdapters } from '@miyu/events/event-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageEntity } from '../message/message.entity.ts';
import { send, streamOf } from '../../reply-test-support.ts';
import { type ConversationHarness, seeder, startConversationHarness } from '../../conversation-test-support.ts';

const ADA = '00000000-0000-4000-8000-0000000000a4';
const SECRET = 'pipeline-secret-'.padEnd(40, 'x');

interface RouterCall {
  headers: IncomingHttpHeaders;
  body: { query: string; variables: { text: string; conversationId: string } };
}

/** Stands in for the router: records the context query and answers with a user who has a cat. */
async function startFakeRouter(calls: RouterCall[], status = 200): Promise<Server & { url: string }> {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: JSON.parse(raw) });
      const me = {
        displayName: 'Ada',
        companion: {
          mode: 'CASUAL',
          persona: { name: 'Miyu', description: 'Kind.', greeting: 'Hi {name}!' },
          mood: { label: 'JOY', pleasure: 0.4, arousal: 0.1 },
        },
        recall: [{ score: 0.92, memory: { kind: 'FACT', content: 'My cat is called Miso.' } }],
        quests: [],
      };
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          status === 200
            ? { data: { me, analyzeEmotion: { primary: 'NEUTRAL', intensity: 0.1, valence: 0 } } }
            : { errors: [{ message: 'boom' }] },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(server, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` });
}

describe('reply context through the router', () => {
  const calls: RouterCall[] = [];
  let router: Server & { url: string };
  let routerUrl: string | undefined;
  let harness: ConversationHarness;
  let seed: ReturnType<typeof seeder>;
  beforeAll(async () => {
    router = await startFakeRouter(calls);
    routerUrl = router.url;
    harness = await startConversationHarness({ router: { url: () => routerUrl, serviceSecret: SECRET } });
    seed = seeder(harness);
  });
  afterAll(async () => {
    await harness?.close();
    await new Promise((resolve) => router?.close(resolve));
  });

  it('asks the router once, acting as the user, and the offline reply uses the recalled memory', async () => {
    const conversationId = await seed.conversation(ADA);
    const replyId =
      (await send(harness, ADA, { conversationId, content: 'what is my cat called?' })).data?.sendMessage.reply.id ?? '';
    const { chunks } = await streamOf(harness, harness.asUser(ADA), replyId);
    expect(chunks.at(-1)?.message).toMatchObject({ status: 'COMPLETE', model: 'miyu-offline-1' });
    expect(chunks.at(-1)?.message?.content).toContain('Miso');
    const stored = await harness.orm.em.fork().findOneOrFail(MessageEntity, { id: replyId });
    expect(stored.contextComplete).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(calls[0]?.headers['x-miyu-act-as']).toBe(ADA);
    expect(calls[0]?.body.variables).toEqual({ text: 'what is my cat called?', conversationId });
    expect(calls[0]?.body.query).toContain('recall(query: $text, limit: 8)');
    expect(calls[0]?.body.query).toContain('conversation(id: $conversationId) { summary }');
    expect(calls[0]?.body.query).toMatch(/persona \{[^}]*systemPrompt[^}]*scenario[^}]*postHistoryInstructions/u);
  });

  it('still replies, without memories, when the router is down', async () => {
    routerUrl = 'http://127.0.0.1:9/graphql';
    const conversationId = await seed.conversation(ADA);
    const replyId =
      (await send(harness, ADA, { conversationId, content: 'what is my cat called?' })).data?.sendMessage.reply.id ?? '';
    const { chunks } = await streamOf(harness, harness.asUser(ADA), replyId);
    expect(chunks.at(-1)?.message).toMatchObject({ status: 'COMPLETE', model: 'miyu-offline-1' });
    expect(chunks.at(-1)?.message?.content).not.toContain('Miso');
  });
});

describe('a reply that fails on every attempt', () => {
  let harness: ConversationHarness;
  beforeAll(async () => {
    const real = createMemoryEventAdapters();
    // The stream store refuses text, so every attempt fails; markers (reset, done) still go through.
    const events: EventAdapters = {
      ...real,
      jobQueue: (name) => real.jobQueue(name),
      close: () => real.close(),
      replyStreams: {
        ...real.replyStreams,
        append: async (chunk) => {
          if (chunk.delta) throw new Error('stream store rejects text');
          await real.replyStreams.append(chunk);
        },
      },
    };
    harness = await startConversationHarness({ events });
  });
  afterAll(() => harness?.close());

  it('ends FAILED after the last attempt, tells subscribers, and keeps the user message', async () => {
    const conversationId = await seeder(harness).conversation(ADA);
    const sent =
      (await send(harness, ADA, { conversationId, content: 'will this work?' })).data?.sendMessage ?? expect.fail('no payload');
    const { chunks, errors } = await streamOf(harness, harness.asUser(ADA), sent.reply.id);
    expect(errors).toBeUndefined();
    expect(chunks.map(({ reset, done, delta }) => ({ reset, done, delta }))).toEqual([
      { reset: true, done: false, delta: '' },
      { reset: false, done: true, delta: '' },
    ]);
    expect(chunks.at(-1)?.message).toMatchObject({ id: sent.reply.id, status: 'FAILED', content: '', model: null });
    const user = await harness.orm.em.fork().findOneOrFail(MessageEntity, { id: sent.message.id });
    expect(user).toMatchObject({ status: 'COMPLETE', content: 'will this work?' });
  });
});
