import { createServiceMetrics } from '@miyu/platform/metrics';
import { Counter, Histogram } from 'prom-client';

/** The worker's metrics, on its own registry (tests run several workers in one process). */
export function createTelegramMetrics() {
  const base = createServiceMetrics('telegram');
  const registers = [base.registry];
  return {
    ...base,
    updates: new Counter({
      name: 'telegram_updates_total',
      help: 'Updates handled, by kind (text, command, callback, unsupported, ignored, replayed)',
      labelNames: ['kind'] as const,
      registers,
    }),
    replies: new Counter({
      name: 'telegram_replies_total',
      help: 'Replies delivered, by outcome (sent, failed, unreachable)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    apiErrors: new Counter({
      name: 'telegram_bot_api_errors_total',
      help: 'Bot API calls that failed, by method and error code (429s retried count each time)',
      labelNames: ['method', 'code'] as const,
      registers,
    }),
    replyLatency: new Histogram({
      name: 'telegram_reply_seconds',
      help: 'From an update reaching the worker to the first visible text and to the final text',
      labelNames: ['phase'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
  };
}

export type TelegramMetrics = ReturnType<typeof createTelegramMetrics>;
