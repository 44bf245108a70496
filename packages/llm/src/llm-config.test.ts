import { describe, expect, it } from 'vitest';
import { DEFAULT_LLM_RESILIENCE, type LlmConfig, selectProviders } from './llm-config.ts';

const base: LlmConfig = { openai: { model: 'gpt-4o-mini' }, resilience: DEFAULT_LLM_RESILIENCE };

describe('selectProviders', () => {
  it('runs offline only without an API key', () => {
    const selection = selectProviders(base);
    expect(selection.primary.model).toBe('miyu-offline-1');
    expect(selection.fallback).toBeUndefined();
    expect(selection.breaker).toBeUndefined();
  });

  it('treats a blank key as no key', () => {
    expect(selectProviders({ ...base, openai: { ...base.openai, apiKey: '  ' } }).primary.name).toBe('offline');
  });

  it('uses the wrapped OpenAI provider with an offline fallback when a key is set', () => {
    const selection = selectProviders({
      ...base,
      openai: { ...base.openai, apiKey: 'sk-test', baseURL: 'http://127.0.0.1:9/v1' },
    });
    expect(selection.primary).toMatchObject({ name: 'openai', model: 'gpt-4o-mini' });
    expect(selection.fallback?.model).toBe('miyu-offline-1');
    expect(selection.breaker?.state).toBe('closed');
  });

  it('leaves the fallback out when it is switched off, so a failed model call fails the reply', () => {
    const selection = selectProviders({
      ...base,
      openai: { ...base.openai, apiKey: 'sk-test', baseURL: 'http://127.0.0.1:9/v1' },
      offlineFallback: false,
    });
    expect(selection.primary.name).toBe('openai');
    expect(selection.fallback).toBeUndefined();
  });
});
