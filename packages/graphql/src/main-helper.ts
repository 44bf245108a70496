import { ConfigError } from '@miyu/platform/env-schema';
import { createLogger } from '@miyu/platform/logger';
import { createShutdown } from '@miyu/platform/shutdown';
import { loadTracingEnv } from '@miyu/platform/tracing/env';
import { startTracing } from '@miyu/platform/tracing/start-tracing';

/**
 * Shared tail of every service's main.ts: tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set, print
 * config problems and exit 1, drain on SIGTERM (the tracing SDK last, so it flushes the spans of the drain).
 */
export async function runService(name: string, start: () => Promise<{ close(): Promise<void> }>): Promise<void> {
  const logger = createLogger({ service: name, level: 'info' });
  try {
    const tracing = await startTracing({ service: name, config: loadTracingEnv() });
    const service = await start();
    // a process manager waits about 10 s after SIGTERM before it kills: drain within 8
    const shutdown = createShutdown(logger, 8_000);
    shutdown.add('tracing', () => tracing.shutdown());
    shutdown.add(name, () => service.close());
    shutdown.installSignalHandlers();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
    } else {
      logger.fatal({ err: error }, 'failed to start');
    }
    process.exit(1);
  }
}
