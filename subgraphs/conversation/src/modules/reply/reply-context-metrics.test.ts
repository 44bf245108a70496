import { createServiceMetrics } from '@miyu/platform/metrics';
import { describe, expect, it } from 'vitest';
import { createReplyContextMetrics } from './reply-context-metrics.ts';

describe('reply_context_total', () => {
  it('counts complete and incomplete contexts by reason on the service registry', async () => {
    const metrics = createServiceMetrics('conversation-test');
    const counter = createReplyContextMetrics(metrics);
    counter.record({ complete: true });
    counter.record({ complete: false, reason: 'timeout' });
    counter.record({ complete: false, reason: 'timeout' });
    counter.record({ complete: false, reason: 'partial' });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/reply_context_total\{complete="false",reason="timeout",service="conversation-test"\} 2/u);
    expect(text).toMatch(/reply_context_total\{complete="false",reason="partial",service="conversation-test"\} 1/u);
    expect(text).toMatch(/reply_context_total\{complete="true",reason="",service="conversation-test"\} 1/u);
  });
});
