import { describe, expect, it } from 'vitest';
import { generateReply } from './generate-reply.ts';
import { LlmIncompleteError, LlmProviderError } from './llm-errors.ts';
import { createOfflineProvider } from './offline-provider.ts';
import { createScriptedProvider } from './scripted-provider.fixture.ts';

const request = { messages: [{ role: 'user' as const, content: 'hello there, how is the weather' }] };

describe('generateReply', () => {
  it('returns the primary reply when it completes', async () => {
    const primary = createScriptedProvider([{ delta: 'Sunny ' }, { delta: 'today.' }, { finish: 'stop' }], {
      name: 'p',
      model: 'gpt-x',
    });
    const deltas: string[] = [];
    const reply = await generateReply({ primary, fallback: createOfflineProvider() }, request, {
      onDelta: (t) => deltas.push(t),
    });
    expect(reply).toMatchObject({
      text: 'Sunny today.',
      model: 'gpt-x',
      providerName: 'p',
      finishReason: 'stop',
      fellBack: false,
    });
    expect(reply.primaryError).toBeUndefined();
    expect(deltas).toEqual(['Sunny ', 'today.']);
  });

  it('falls back silently when the primary fails before its first delta', async () => {
    const primary = createScriptedProvider([{ fail: new LlmProviderError(503) }]);
    let resets = 0;
    const reply = await generateReply({ primary, fallback: createOfflineProvider() }, request, { onReset: () => (resets += 1) });
    expect(reply.fellBack).toBe(true);
    expect(reply.discardedPartial).toBe(false);
    expect(reply.model).toBe('miyu-offline-1');
    expect(reply.primaryError).toEqual({ code: 'LLM_PROVIDER_ERROR', message: 'Provider answered HTTP 503.' });
    expect(reply.text.length).toBeGreaterThan(10);
    expect(resets).toBe(0);
  });

  it('after partial output it calls onReset with the discarded text and restarts from the fallback', async () => {
    const primary = createScriptedProvider([{ delta: 'Half a ' }, { delta: 'sent' }]);
    const shown: string[] = [];
    const resets: string[] = [];
    const reply = await generateReply({ primary, fallback: createOfflineProvider() }, request, {
      onDelta: (t) => shown.push(t),
      onReset: ({ discardedText, error }) => {
        resets.push(`${discardedText}|${error.code}`);
        shown.length = 0;
      },
    });
    expect(resets).toEqual(['Half a sent|LLM_INCOMPLETE']);
    expect(reply.discardedPartial).toBe(true);
    expect(reply.text).not.toContain('Half a');
    expect(shown.join('')).toBe(reply.text);
  });

  it('rejects a non-stop finish even from an unwrapped provider', async () => {
    const primary = createScriptedProvider([{ delta: 'cut' }, { finish: 'length' }]);
    await expect(generateReply({ primary }, request)).rejects.toBeInstanceOf(LlmIncompleteError);
  });

  it('does not fall back when the caller aborted', async () => {
    const primary = createScriptedProvider([{ hang: true }]);
    const fallback = createScriptedProvider([{ delta: 'x' }, { finish: 'stop' }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled')), 10);
    await expect(generateReply({ primary, fallback }, request, { signal: controller.signal })).rejects.toThrow('cancelled');
    expect(fallback.calls).toBe(0);
  });

  it('rethrows the primary error when there is no fallback', async () => {
    const primary = createScriptedProvider([{ fail: new LlmProviderError(500) }]);
    await expect(generateReply({ primary }, request)).rejects.toBeInstanceOf(LlmProviderError);
  });
});
