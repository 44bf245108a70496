import type { LlmProvider } from './llm-provider.ts';
import { createOfflineProvider } from './offline-provider.ts';
import { createOpenAiProvider } from './openai-provider.ts';
import { type CircuitBreaker, createCircuitBreaker } from './resilience/circuit-breaker.ts';
import { createConcurrencyLimiter } from './resilience/concurrency-limiter.ts';
import { createResilientProvider } from './resilient-provider.ts';

/** What a service's env.ts passes in; nothing here reads the environment. */
export interface LlmConfig {
  openai: {
    /** Without a key the offline provider answers every reply. */
    apiKey?: string | undefined;
    /** OpenAI-compatible base URL (vLLM, Ollama, ...), ending in /v1. */
    baseURL?: string | undefined;
    /** Model name, e.g. 'gpt-4o-mini'. */
    model: string;
    /** OpenAI organization id. */
    organization?: string | undefined;
  };
  resilience: {
    /** Consecutive failures before the breaker opens. */
    failureThreshold: number;
    /** Time the breaker stays open before a trial call. */
    resetTimeoutMs: number;
    /** Trial calls allowed while half-open. */
    halfOpenMaxCalls: number;
    /** Replies generated at once per process; more wait in line. */
    maxConcurrent: number;
    /** Longest wait for the first token. */
    firstTokenTimeoutMs: number;
    /** Longest gap between two chunks. */
    idleChunkTimeoutMs: number;
    /** Longest time for a whole reply from the primary provider. */
    overallDeadlineMs: number;
  };
  /** Delay between offline words; 0 when unset (tests), LLM_OFFLINE_WORD_DELAY_MS (30) from the environment. */
  offlineWordDelayMs?: number;
  /**
   * Whether the offline provider answers when the model fails (default true). False: a reply the
   * model could not give fails (status FAILED, which the person can retry) instead.
   */
  offlineFallback?: boolean;
}

export const DEFAULT_LLM_RESILIENCE: LlmConfig['resilience'] = {
  failureThreshold: 5,
  resetTimeoutMs: 30_000,
  halfOpenMaxCalls: 1,
  maxConcurrent: 16,
  firstTokenTimeoutMs: 15_000,
  idleChunkTimeoutMs: 10_000,
  overallDeadlineMs: 90_000,
};

export interface ProviderSelection {
  primary: LlmProvider;
  /** Undefined when the primary already is the offline provider, or the fallback is switched off. */
  fallback: LlmProvider | undefined;
  /** The primary's breaker, for health and metrics; undefined when running offline only. */
  breaker: CircuitBreaker | undefined;
}

export function selectProviders(config: LlmConfig): ProviderSelection {
  const offline = createOfflineProvider({ wordDelayMs: config.offlineWordDelayMs ?? 0 });
  const apiKey = config.openai.apiKey?.trim();
  if (!apiKey) return { primary: offline, fallback: undefined, breaker: undefined };
  const { resilience } = config;
  const breaker = createCircuitBreaker(resilience);
  const openai = createOpenAiProvider({
    apiKey,
    model: config.openai.model,
    ...(config.openai.baseURL ? { baseURL: config.openai.baseURL } : {}),
    ...(config.openai.organization ? { organization: config.openai.organization } : {}),
    // The SDK timeout is only a backstop; ours are tighter and cover the body too.
    requestTimeoutMs: resilience.overallDeadlineMs,
  });
  const primary = createResilientProvider(openai, {
    breaker,
    limiter: createConcurrencyLimiter(resilience.maxConcurrent),
    timeouts: resilience,
  });
  return { primary, fallback: config.offlineFallback === false ? undefined : offline, breaker };
}
