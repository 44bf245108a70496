import { type ServiceMetrics, serviceCounter } from '@miyu/platform/metrics';
import type { ContextCompleteness } from './reply-context.ts';

/**
 * `reply_context_total{complete, reason}`: every reply's context, complete or not and why
 * (unconfigured, timeout, unavailable, partial), so an operator sees replies that went out
 * without their persona, memories or summary.
 */
export function createReplyContextMetrics(metrics: ServiceMetrics | undefined) {
  const counter = serviceCounter(metrics, {
    name: 'reply_context_total',
    help: "Replies by whether their context query answered in full ('false' = minimal or partial context)",
    labelNames: ['complete', 'reason'] as const,
  });
  return {
    record(completeness: ContextCompleteness) {
      counter.inc(completeness.complete ? { complete: 'true', reason: '' } : { complete: 'false', reason: completeness.reason });
    },
  };
}
