import { type ServiceMetrics, serviceCounter, serviceHistogram } from '@miyu/platform/metrics';

const SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];

/** What an operator watches of the model: latency, time to the first token, tokens, by provider. */
export function createLlmMetrics(metrics: ServiceMetrics | undefined) {
  const duration = serviceHistogram(metrics, {
    name: 'llm_request_duration_seconds',
    help: 'One provider attempt from request to its last token, by outcome (ok, error)',
    labelNames: ['provider', 'outcome'] as const,
    buckets: SECONDS,
  });
  const firstToken = serviceHistogram(metrics, {
    name: 'llm_first_token_seconds',
    help: 'Time from the request to the first streamed token',
    labelNames: ['provider'] as const,
    buckets: SECONDS,
  });
  const tokens = serviceCounter(metrics, {
    name: 'llm_tokens_total',
    help: 'Tokens the providers reported, by kind (prompt, completion)',
    labelNames: ['provider', 'kind'] as const,
  });
  return {
    firstToken: (provider: string, seconds: number) => firstToken.observe({ provider }, seconds),
    finished(
      provider: string,
      outcome: 'ok' | 'error',
      seconds: number,
      usage?: { promptTokens: number; completionTokens: number },
    ) {
      duration.observe({ provider, outcome }, seconds);
      if (!usage) return;
      tokens.inc({ provider, kind: 'prompt' }, usage.promptTokens);
      tokens.inc({ provider, kind: 'completion' }, usage.completionTokens);
    },
  };
}

export type LlmMetrics = ReturnType<typeof createLlmMetrics>;
