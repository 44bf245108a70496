import { describe, expect, it } from 'vitest';
import { LlmTimeoutError } from '../llm-errors.ts';
import { createScriptedProvider, type ScriptStep } from '../scripted-provider.fixture.ts';
import { createDeadline } from './deadline.ts';
import { withStreamTimeouts } from './stream-timeouts.ts';

const timeouts = { firstTokenTimeoutMs: 60, idleChunkTimeoutMs: 60 };

async function collect(steps: ScriptStep[], deadlineMs = 1_000) {
  const provider = createScriptedProvider(steps);
  const deadline = createDeadline(deadlineMs);
  const texts: string[] = [];
  try {
    for await (const chunk of withStreamTimeouts((s) => provider.streamChat({ messages: [] }, s), timeouts, deadline.signal)) {
      if (chunk.type === 'delta') texts.push(chunk.text);
    }
    return { texts, error: undefined, provider };
  } catch (error) {
    return { texts, error, provider };
  } finally {
    deadline.dispose();
  }
}

describe('withStreamTimeouts', () => {
  it('passes a timely stream through unchanged', async () => {
    const { texts, error } = await collect([{ delta: 'a' }, { waitMs: 10 }, { delta: 'b' }, { finish: 'stop' }]);
    expect(error).toBeUndefined();
    expect(texts).toEqual(['a', 'b']);
  });

  it('fails with kind first-token when nothing arrives in time', async () => {
    const { texts, error, provider } = await collect([{ waitMs: 500 }, { delta: 'late' }]);
    expect(texts).toEqual([]);
    expect(error).toBeInstanceOf(LlmTimeoutError);
    expect((error as LlmTimeoutError).kind).toBe('first-token');
    // The source was aborted, not left running.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(provider.inFlight).toBe(0);
  });

  it('fails with kind idle when the stream stalls after some chunks', async () => {
    const started = Date.now();
    const { texts, error, provider } = await collect([{ delta: 'a' }, { delta: 'b' }, { hang: true }], 5_000);
    expect(texts).toEqual(['a', 'b']);
    expect((error as LlmTimeoutError).kind).toBe('idle');
    expect(Date.now() - started).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(provider.inFlight).toBe(0);
  });

  it('fails with kind deadline when steady chunks run past the overall deadline', async () => {
    const steady: ScriptStep[] = Array.from({ length: 50 }, () => [{ delta: 'x' }, { waitMs: 20 }] as ScriptStep[]).flat();
    const { texts, error } = await collect(steady, 150);
    expect((error as LlmTimeoutError).kind).toBe('deadline');
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.length).toBeLessThan(50);
  });

  it('rethrows errors from the source as they are', async () => {
    const { error } = await collect([{ delta: 'a' }, { fail: new Error('boom') }]);
    expect((error as Error).message).toBe('boom');
  });
});
