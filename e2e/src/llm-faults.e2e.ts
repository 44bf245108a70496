import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import type { FakeOpenAiMode } from '@miyu/testing/fake-openai/fake-openai-behavior';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY_STREAM, type StreamedChunk, assembled, send, startChat } from './conversation-flow.ts';
import { type E2eStack, startE2eStack } from './stack.ts';
import { collect, routerWsClient } from './ws-client.ts';

const FAULTS: FakeOpenAiMode[] = ['http500', 'http429', 'slowFirstByte', 'stallMidStream', 'garbageChunk', 'noFinishReason'];

describe('the reply pipeline against an OpenAI-compatible server, through the real SDK', () => {
  let fake: FakeOpenAiServer;
  let stack: E2eStack;
  let ada: { token: string; userId: string };
  let conversationId: string;

  beforeAll(async () => {
    fake = await startFakeOpenAiServer({
      behavior: {
        replyText: 'Hello from the fake model, streamed word by word.',
        chunkDelayMs: 5,
        firstByteDelayMs: 2_000,
        faultAfterChunks: 3,
      },
    });
    stack = await startE2eStack({
      llm: {
        openai: { apiKey: 'test-key', baseURL: fake.url, model: 'fake-model' },
        // a breaker that never opens here, so every fault is exercised against the SDK
        resilience: {
          ...DEFAULT_LLM_RESILIENCE,
          failureThreshold: 1_000,
          firstTokenTimeoutMs: 400,
          idleChunkTimeoutMs: 400,
          overallDeadlineMs: 4_000,
        },
      },
    });
    ada = await stack.signUp('Ada');
    conversationId = await startChat(stack, ada.token);
  });
  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  async function streamReply(content: string) {
    const sent = await send(stack, ada.token, conversationId, content);
    const client = routerWsClient(stack.url, ada.token);
    const stream = collect<{ data: { replyStream: StreamedChunk } }>(client, REPLY_STREAM, { id: sent.reply.id });
    await stream.done;
    await client.dispose();
    return { sent, chunks: stream.results.map((result) => result.data.replyStream) };
  }

  it('streams the model reply through the real openai SDK and records the model', async () => {
    const { chunks } = await streamReply('Hi there');
    const final = chunks.at(-1)!;
    expect(final.message).toMatchObject({
      status: 'COMPLETE',
      model: 'fake-model',
      content: 'Hello from the fake model, streamed word by word.',
    });
    expect(assembled(chunks)).toBe(final.message!.content);
    expect(fake.requests.at(-1)).toMatchObject({ model: 'fake-model', stream: true });
  });

  it.each(FAULTS)(
    'answers from the offline fallback when the model fails with %s, without losing the user message',
    async (mode) => {
      fake.setBehavior({ mode });
      const started = Date.now();
      const { sent, chunks } = await streamReply(`Fault ${mode}: are you there?`);
      fake.setBehavior({ mode: 'ok' });
      const final = chunks.at(-1)!;
      expect(final.done).toBe(true);
      expect(['COMPLETE', 'FAILED']).toContain(final.message?.status);
      if (final.message?.status === 'COMPLETE') {
        expect(final.message.model).toBe('miyu-offline-1');
        expect(assembled(chunks)).toBe(final.message.content);
      }
      expect(Date.now() - started).toBeLessThan(20_000);
      const history = await stack.gql<{ conversation: { messages: { nodes: { id: string; content: string }[] } } }>(
        'query($id: ID!) { conversation(id: $id) { messages(last: 50) { nodes { id content } } } }',
        { id: conversationId },
        ada.token,
      );
      expect(history.data!.conversation.messages.nodes.map((node) => node.id)).toContain(sent.message.id);
    },
  );
});
