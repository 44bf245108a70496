import { describe, expect, it } from 'vitest';
import type { ChatChunk, LlmProvider } from './llm-provider.ts';
import { CircuitOpenError, LlmIncompleteError, type LlmTimeoutError } from './llm-errors.ts';
import { createResilientProvider } from './resilient-provider.ts';
import { createCircuitBreaker } from './resilience/circuit-breaker.ts';
import { createConcurrencyLimiter } from './resilience/concurrency-limiter.ts';
import { createScriptedProvider, type ScriptStep } from './scripted-provider.fixture.ts';

const timeouts = { firstTokenTimeoutMs: 100, idleChunkTimeoutMs: 100, overallDeadlineMs: 300 };

function wrap(inner: LlmProvider, maxConcurrent = 4) {
  const breaker = createCircuitBreaker({ failureThreshold: 2, resetTimeoutMs: 60_000, halfOpenMaxCalls: 1 });
  return {
    breaker,
    provider: createResilientProvider(inner, { breaker, limiter: createConcurrencyLimiter(maxConcurrent), timeouts }),
  };
}

async function drain(provider: LlmProvider, signal = new AbortController().signal) {
  const chunks: ChatChunk[] = [];
  try {
    for await (const chunk of provider.streamChat({ messages: [] }, signal)) chunks.push(chunk);
    return { chunks, error: undefined };
  } catch (error) {
    return { chunks, error };
  }
}

describe('createResilientProvider', () => {
  it('passes a complete stream through and keeps the inner name and model', async () => {
    const { provider } = wrap(
      createScriptedProvider([{ delta: 'Hi ' }, { delta: 'there' }, { finish: 'stop' }], { model: 'm-1' }),
    );
    const { chunks, error } = await drain(provider);
    expect(error).toBeUndefined();
    expect(provider.model).toBe('m-1');
    expect(chunks.map((c) => (c.type === 'delta' ? c.text : `<${c.reason}>`)).join('')).toBe('Hi there<stop>');
  });

  it.each([
    ['no finish chunk', [{ delta: 'a' }] as ScriptStep[], undefined],
    ["finish 'length'", [{ delta: 'a' }, { finish: 'length' }] as ScriptStep[], 'length'],
  ])('treats %s as LlmIncompleteError', async (_label, steps, reason) => {
    const { provider } = wrap(createScriptedProvider(steps));
    const { error } = await drain(provider);
    expect(error).toBeInstanceOf(LlmIncompleteError);
    expect((error as LlmIncompleteError).finishReason).toBe(reason);
  });

  it('opens the breaker after repeated failures and then rejects without calling the provider', async () => {
    const inner = createScriptedProvider([{ fail: new Error('upstream down') }]);
    const { provider, breaker } = wrap(inner);
    await drain(provider);
    await drain(provider);
    expect(breaker.state).toBe('open');
    const { error } = await drain(provider);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(inner.calls).toBe(2);
  });

  it('does not count a caller abort as a provider failure', async () => {
    const inner = createScriptedProvider([{ delta: 'a' }, { hang: true }]);
    const { provider, breaker } = wrap(inner);
    for (let i = 0; i < 3; i += 1) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('user left')), 10);
      const { error } = await drain(provider, controller.signal);
      expect((error as Error).message).toBe('user left');
    }
    expect(breaker.state).toBe('closed');
  });

  it('caps concurrent streams at the limiter size', async () => {
    const inner = createScriptedProvider([{ waitMs: 20 }, { delta: 'ok' }, { finish: 'stop' }]);
    const { provider } = wrap(inner, 2);
    const results = await Promise.all(Array.from({ length: 6 }, () => drain(provider)));
    expect(results.every((r) => r.error === undefined)).toBe(true);
    expect(inner.calls).toBe(6);
    expect(inner.maxInFlight).toBe(2);
  });

  it('counts the wait for a slot against the overall deadline', async () => {
    const inner = createScriptedProvider([
      { delta: 'a' },
      { waitMs: 80 },
      { delta: 'b' },
      { waitMs: 80 },
      { delta: 'c' },
      { waitMs: 80 },
      { finish: 'stop' },
    ]);
    const { provider } = wrap(inner, 1);
    const results = await Promise.all([drain(provider), drain(provider)]);
    expect(results.map((result) => (result.error as LlmTimeoutError | undefined)?.kind)).toEqual([undefined, 'deadline']);
    expect(inner.calls).toBe(2);
  });
});
