import { type FakeOpenAiServer, startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatChunk, ChatRequest } from './llm-provider.ts';
import { LlmBadChunkError, LlmProviderError } from './llm-errors.ts';
import { createOpenAiProvider } from './openai-provider.ts';

// These drive the real `openai` SDK over HTTP against the local fake, one fault mode at a time.
let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  server.setBehavior({ mode: 'ok', replyText: 'Hello from the fake model.', chunkDelayMs: 0 });
});

const request: ChatRequest = {
  messages: [
    { role: 'system', content: 'You are Miyu.' },
    { role: 'user', content: 'Say hello' },
  ],
  temperature: 0.4,
  maxTokens: 64,
};

async function run(signal = new AbortController().signal) {
  const provider = createOpenAiProvider({ apiKey: 'sk-test', baseURL: server.url, model: 'fake-gpt' });
  const chunks: ChatChunk[] = [];
  try {
    for await (const chunk of provider.streamChat(request, signal)) chunks.push(chunk);
    return { chunks, error: undefined };
  } catch (error) {
    return { chunks, error };
  }
}

const textOf = (chunks: ChatChunk[]) => chunks.map((c) => (c.type === 'delta' ? c.text : '')).join('');

describe('createOpenAiProvider against the fake server', () => {
  it('streams the text, then finish stop with usage, and sends the request the SDK way', async () => {
    const { chunks, error } = await run();
    expect(error).toBeUndefined();
    expect(textOf(chunks)).toBe('Hello from the fake model.');
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop', usage: { promptTokens: 5, completionTokens: 5 } });
    expect(server.requests[0]).toMatchObject({
      model: 'fake-gpt',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.4,
      max_completion_tokens: 64,
      messages: request.messages,
    });
  });

  it('http500 → LlmProviderError 500, with no SDK retries', async () => {
    server.setBehavior({ mode: 'http500' });
    const { error } = await run();
    expect(error).toBeInstanceOf(LlmProviderError);
    expect((error as LlmProviderError).status).toBe(500);
    expect(server.requests).toHaveLength(1);
  });

  it('http429 → LlmProviderError 429 with retryAfterMs from retry-after', async () => {
    server.setBehavior({ mode: 'http429', retryAfterSeconds: 7 });
    const { error } = await run();
    expect(error).toMatchObject({ code: 'LLM_PROVIDER_ERROR', status: 429, retryAfterMs: 7_000 });
  });

  it('garbageChunk → LlmBadChunkError after the first deltas', async () => {
    server.setBehavior({ mode: 'garbageChunk' });
    const { chunks, error } = await run();
    expect(error).toBeInstanceOf(LlmBadChunkError);
    expect(textOf(chunks)).toBe('Hello from ');
  });

  it('noFinishReason → all deltas but no finish chunk', async () => {
    server.setBehavior({ mode: 'noFinishReason' });
    const { chunks, error } = await run();
    expect(error).toBeUndefined();
    expect(textOf(chunks)).toBe('Hello from the fake model.');
    expect(chunks.some((c) => c.type === 'finish')).toBe(false);
  });

  it('an abort mid-stream throws the abort reason instead of ending quietly', async () => {
    server.setBehavior({ mode: 'stallMidStream' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('our timeout')), 100);
    const { chunks, error } = await run(controller.signal);
    expect((error as Error).message).toBe('our timeout');
    expect(textOf(chunks)).toBe('Hello from ');
  });
});
