import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { llmEnvShape, toLlmConfig } from './llm-env.ts';

const parse = (env: Record<string, string>) => toLlmConfig(z.object(llmEnvShape).parse(env));

describe('toLlmConfig', () => {
  it('paces the offline provider at 30 ms a word by default, so a reply is seen being written', () => {
    expect(parse({}).offlineWordDelayMs).toBe(30);
  });

  it('takes LLM_OFFLINE_WORD_DELAY_MS, 0 streaming at once', () => {
    expect(parse({ LLM_OFFLINE_WORD_DELAY_MS: '0' }).offlineWordDelayMs).toBe(0);
    expect(parse({ LLM_OFFLINE_WORD_DELAY_MS: '25' }).offlineWordDelayMs).toBe(25);
    expect(() => parse({ LLM_OFFLINE_WORD_DELAY_MS: '-1' })).toThrow();
  });

  it('keeps the offline fallback unless LLM_OFFLINE_FALLBACK=false', () => {
    expect(parse({}).offlineFallback).toBe(true);
    expect(parse({ LLM_OFFLINE_FALLBACK: 'false' }).offlineFallback).toBe(false);
    expect(() => parse({ LLM_OFFLINE_FALLBACK: 'no' })).toThrow();
  });
});
