import { createServiceMetrics } from '@miyu/platform/metrics';
import { describe, expect, it } from 'vitest';
import { generateReply } from './generate-reply.ts';
import { createLlmMetrics } from './llm-metrics.ts';
import { createScriptedProvider } from './scripted-provider.fixture.ts';

const request = { messages: [{ role: 'user' as const, content: 'hello there' }] };

describe('llm metrics', () => {
  it('times each attempt and its first token, and counts the failed primary apart from the fallback', async () => {
    const service = createServiceMetrics('llm-test');
    const metrics = createLlmMetrics(service);
    const primary = createScriptedProvider([{ fail: new Error('down') }], { name: 'remote' });
    const fallback = createScriptedProvider([{ delta: 'Hi' }, { delta: ' there' }, { finish: 'stop' }], { name: 'offline' });
    await generateReply({ primary, fallback, metrics }, request);
    const count = async (name: string, labels: Record<string, string>) => {
      const metric = await service.registry.getSingleMetric(name)?.get();
      const found = metric?.values.find(
        (value) =>
          (value as { metricName?: string }).metricName === `${name}_count` &&
          Object.entries(labels).every(([k, v]) => value.labels[k] === v),
      );
      return found?.value ?? 0;
    };
    expect(await count('llm_request_duration_seconds', { provider: 'remote', outcome: 'error' })).toBe(1);
    expect(await count('llm_request_duration_seconds', { provider: 'offline', outcome: 'ok' })).toBe(1);
    expect(await count('llm_first_token_seconds', { provider: 'offline' })).toBe(1);
    expect(await count('llm_first_token_seconds', { provider: 'remote' })).toBe(0);
  });
});
