import { type FakeOpenAiServer, startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateReply } from './generate-reply.ts';
import type { ChatRequest } from './llm-provider.ts';
import { CircuitOpenError } from './llm-errors.ts';
import { createOfflineProvider } from './offline-provider.ts';
import { createOpenAiProvider } from './openai-provider.ts';
import { createResilientProvider } from './resilient-provider.ts';
import { createCircuitBreaker } from './resilience/circuit-breaker.ts';
import { createConcurrencyLimiter } from './resilience/concurrency-limiter.ts';

const timeouts = { firstTokenTimeoutMs: 200, idleChunkTimeoutMs: 150, overallDeadlineMs: 2_000 };
const request: ChatRequest = {
  messages: [{ role: 'user', content: 'what is my cat called?' }],
  context: {
    persona: { name: 'Miyu', description: 'A warm companion.', greeting: 'Hi!' },
    mode: 'CASUAL',
    memories: [{ kind: 'fact', content: 'my cat is called Miso', score: 0.8 }],
    userMessage: 'what is my cat called?',
  },
};

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer({ behavior: { replyText: 'Your cat is Miso, of course.', firstByteDelayMs: 1_000 } });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  server.setBehavior({ mode: 'ok', chunkDelayMs: 0 });
});

function providers(options: { failureThreshold?: number; resetTimeoutMs?: number; maxConcurrent?: number } = {}) {
  const breaker = createCircuitBreaker({
    failureThreshold: options.failureThreshold ?? 10,
    resetTimeoutMs: options.resetTimeoutMs ?? 60_000,
    halfOpenMaxCalls: 1,
  });
  const openai = createOpenAiProvider({ apiKey: 'sk-test', baseURL: server.url, model: 'fake-gpt' });
  const limiter = createConcurrencyLimiter(options.maxConcurrent ?? 4);
  return { breaker, primary: createResilientProvider(openai, { breaker, limiter, timeouts }), fallback: createOfflineProvider() };
}

describe('generateReply with the real SDK against the fake server', () => {
  it('ok → the fake text, finish stop, no fallback', async () => {
    const reply = await generateReply(providers(), request);
    expect(reply).toMatchObject({
      text: 'Your cat is Miso, of course.',
      model: 'fake-gpt',
      finishReason: 'stop',
      fellBack: false,
    });
    expect(reply.usage).toEqual({ promptTokens: 5, completionTokens: 6 });
  });

  it.each([
    ['http500', 'LLM_PROVIDER_ERROR', false],
    ['http429', 'LLM_PROVIDER_ERROR', false],
    ['slowFirstByte', 'LLM_TIMEOUT', false],
    ['stallMidStream', 'LLM_TIMEOUT', true],
    ['garbageChunk', 'LLM_BAD_CHUNK', true],
    ['noFinishReason', 'LLM_INCOMPLETE', true],
  ] as const)('%s → falls back to the offline reply (%s)', async (mode, code, partial) => {
    server.setBehavior({ mode });
    const resets: string[] = [];
    const reply = await generateReply(providers(), request, { onReset: ({ discardedText }) => resets.push(discardedText) });
    expect(reply.fellBack).toBe(true);
    expect(reply.model).toBe('miyu-offline-1');
    expect(reply.finishReason).toBe('stop');
    expect(reply.text).toContain('Miso');
    expect(reply.primaryError?.code).toBe(code);
    expect(reply.discardedPartial).toBe(partial);
    expect(resets.length).toBe(partial ? 1 : 0);
  });

  it('429 carries retryAfterMs from the response', async () => {
    server.setBehavior({ mode: 'http429', retryAfterSeconds: 3 });
    const { primary } = providers();
    const iterator = primary.streamChat(request, new AbortController().signal)[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ status: 429, retryAfterMs: 3_000 });
  });

  it('slow first byte fails with a first-token timeout, not the deadline', async () => {
    server.setBehavior({ mode: 'slowFirstByte' });
    const started = performance.now();
    const iterator = providers().primary.streamChat(request, new AbortController().signal)[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ code: 'LLM_TIMEOUT', kind: 'first-token' });
    expect(performance.now() - started).toBeLessThan(timeouts.overallDeadlineMs / 2);
  });

  it('a mid-stream stall is caught by the idle timeout well before the overall deadline', async () => {
    server.setBehavior({ mode: 'stallMidStream' });
    const started = performance.now();
    const chunks: string[] = [];
    const error = await (async () => {
      for await (const chunk of providers().primary.streamChat(request, new AbortController().signal))
        if (chunk.type === 'delta') chunks.push(chunk.text);
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'LLM_TIMEOUT', kind: 'idle' });
    expect(chunks.join('')).toBe('Your cat ');
    expect(performance.now() - started).toBeLessThan(timeouts.overallDeadlineMs / 2);
  });

  it('opens the breaker after N failures, rejects fast without a request, half-opens after the reset', async () => {
    const { breaker, primary, fallback } = providers({ failureThreshold: 3, resetTimeoutMs: 200 });
    server.failNext(3, 'http500');
    for (let i = 0; i < 3; i += 1)
      expect((await generateReply({ primary, fallback }, request)).primaryError?.code).toBe('LLM_PROVIDER_ERROR');
    expect(breaker.state).toBe('open');
    const fast = await generateReply({ primary, fallback }, request);
    expect(fast.primaryError?.code).toBe('LLM_CIRCUIT_OPEN');
    expect(server.requests).toHaveLength(3);
    await expect(primary.streamChat(request, new AbortController().signal)[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(
      CircuitOpenError,
    );
    await new Promise((resolve) => setTimeout(resolve, 220));
    expect(breaker.state).toBe('half-open');
    const recovered = await generateReply({ primary, fallback }, request);
    expect(recovered).toMatchObject({ fellBack: false, text: 'Your cat is Miso, of course.' });
    expect(breaker.state).toBe('closed');
  });

  it('the limiter caps requests in flight at the server', async () => {
    server.setBehavior({ chunkDelayMs: 15 });
    const { primary, fallback } = providers({ maxConcurrent: 2 });
    let inFlight = 0;
    let peak = 0;
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => {
        let started = false;
        return generateReply({ primary, fallback }, request, {
          onDelta: () => {
            if (started) return;
            started = true;
            inFlight += 1;
            peak = Math.max(peak, inFlight);
          },
        }).finally(() => (inFlight -= 1));
      }),
    );
    expect(replies.every((reply) => !reply.fellBack)).toBe(true);
    expect(peak).toBe(2);
    expect(server.requests).toHaveLength(6);
  });
});
