import type { Logger } from '@miyu/platform/logger';
import type { Consumer, EventLog } from '../event-types.ts';
import { DEFAULT_RETRY_DELAY_MS } from '../memory/memory-event-log.ts';
import type { RedisConnections } from './redis-connections.ts';
import { startRedisEventConsumer } from './redis-event-consumer.ts';

export interface RedisEventLogOptions {
  connections: RedisConnections;
  /** The stream key, e.g. `miyu:events`. */
  key: string;
  logger: Logger;
  /** Approximate cap on the stream length (XADD MAXLEN ~; default 100,000). */
  maxLength?: number;
}

/** The event log on one Redis Stream with a consumer group per processor. */
export function createRedisEventLog(options: RedisEventLogOptions): EventLog {
  const { connections, key, logger } = options;
  const maxLength = options.maxLength ?? 100_000;
  const consumers = new Set<Consumer>();
  let closed = false;

  return {
    async append(event) {
      if (closed) throw new Error('event log is closed');
      await connections.command.xadd(key, 'MAXLEN', '~', maxLength, '*', 'event', JSON.stringify(event));
    },

    async consume(group, handler, consumeOptions) {
      if (closed) throw new Error('event log is closed');
      const retryDelayMs = consumeOptions?.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
      const started = await startRedisEventConsumer({ connections, key, group, handler, retryDelayMs, logger });
      const consumer: Consumer = {
        async stop() {
          consumers.delete(consumer);
          await started.stop();
        },
      };
      consumers.add(consumer);
      return consumer;
    },

    async ready() {
      return ping(connections);
    },

    async close() {
      closed = true;
      await Promise.all([...consumers].map((consumer) => consumer.stop()));
    },
  };
}

/** True when Redis answers within a second (readiness probes must not hang). */
export async function ping(connections: RedisConnections): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), 1_000);
  });
  try {
    return await Promise.race([connections.command.ping().then((reply) => reply === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
