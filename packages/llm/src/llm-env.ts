import { envFields } from '@miyu/platform/env-schema';
import { z } from 'zod';
import { DEFAULT_LLM_RESILIENCE, type LlmConfig } from './llm-config.ts';
import { DEFAULT_OFFLINE_WORD_DELAY_MS } from './offline-provider.ts';

/** The LLM variables, shared by every env.ts that configures the reply pipeline. */
export const llmEnvShape = {
  /** Without a key the offline provider answers. */
  OPENAI_API_KEY: z.string().optional(),
  /** Any OpenAI-compatible server (vLLM, Ollama, …), ending in /v1. */
  OPENAI_BASE_URL: envFields.optionalUrl(),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  LLM_FIRST_TOKEN_TIMEOUT_MS: envFields.durationMs(DEFAULT_LLM_RESILIENCE.firstTokenTimeoutMs),
  LLM_IDLE_TIMEOUT_MS: envFields.durationMs(DEFAULT_LLM_RESILIENCE.idleChunkTimeoutMs),
  LLM_DEADLINE_MS: envFields.durationMs(DEFAULT_LLM_RESILIENCE.overallDeadlineMs),
  LLM_MAX_CONCURRENCY: z.coerce.number().int().positive().default(DEFAULT_LLM_RESILIENCE.maxConcurrent),
  /** Pause between the offline provider's words, so a person sees the reply written; 0 streams at once. */
  LLM_OFFLINE_WORD_DELAY_MS: z.coerce.number().int().min(0).max(1000).default(DEFAULT_OFFLINE_WORD_DELAY_MS),
  /** Whether the offline provider answers when the model fails; false fails the reply (it can be retried). */
  LLM_OFFLINE_FALLBACK: envFields.bool(true),
};

const llmEnvSchema = z.object(llmEnvShape);
type LlmEnv = z.infer<typeof llmEnvSchema>;

export function toLlmConfig(env: LlmEnv): LlmConfig {
  return {
    openai: { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL },
    resilience: {
      ...DEFAULT_LLM_RESILIENCE,
      firstTokenTimeoutMs: env.LLM_FIRST_TOKEN_TIMEOUT_MS,
      idleChunkTimeoutMs: env.LLM_IDLE_TIMEOUT_MS,
      overallDeadlineMs: env.LLM_DEADLINE_MS,
      maxConcurrent: env.LLM_MAX_CONCURRENCY,
    },
    offlineWordDelayMs: env.LLM_OFFLINE_WORD_DELAY_MS,
    offlineFallback: env.LLM_OFFLINE_FALLBACK,
  };
}
