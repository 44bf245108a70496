import { createServiceMetrics } from '@miyu/platform/metrics';
import { Counter, Histogram } from 'prom-client';

/** The worker's metrics, on its own registry (tests run several workers in one process). */
export function createXMetrics() {
  const base = createServiceMetrics('x');
  const registers = [base.registry];
  return {
    ...base,
    mentions: new Counter({
      name: 'x_mentions_total',
      help: 'Mentions handled, by outcome (answered, dry_run, empty, refused, failed)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    posts: new Counter({ name: 'x_posts_total', help: 'Posts sent as replies', registers }),
    apiErrors: new Counter({
      name: 'x_api_errors_total',
      help: 'X API calls that failed, by endpoint and HTTP status (429s count each time)',
      labelNames: ['endpoint', 'code'] as const,
      registers,
    }),
    replyLatency: new Histogram({
      name: 'x_reply_seconds',
      help: 'From a mention being received to its whole thread being posted',
      buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers,
    }),
  };
}

export type XMetrics = ReturnType<typeof createXMetrics>;
