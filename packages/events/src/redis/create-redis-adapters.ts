import { cachedQueue } from '../forget-on-close.ts';
import type { Logger } from '@miyu/platform/logger';
import type { EventAdapters, JobQueue } from '../event-types.ts';
import { createRedisConnections } from './redis-connections.ts';
import { createRedisDeadLetters } from './redis-dead-letters.ts';
import { createRedisEventLog, ping } from './redis-event-log.ts';
import { createRedisJobQueue } from './redis-job-queue.ts';
import { createRedisPubSub } from './redis-pubsub.ts';
import { createRedisReplyStreams } from './redis-reply-streams.ts';

export interface RedisEventAdaptersOptions {
  /** e.g. `redis://127.0.0.1:6379`. */
  url: string;
  logger: Logger;
  /** Prefix of every key, channel and connection name (default `miyu:`); tests isolate with it. */
  prefix?: string;
}

/**
 * Distributed mode. Keys: `<prefix>events` (the event log), `<prefix>reply:<messageId>` (and its seal
 * marker `<prefix>reply:sealed:<messageId>`),
 * `<prefix>dead-letters` (events a consumer refused), `<prefix>jobs:<queue>:…` (BullMQ); channels `<prefix>topic:<topic>`.
 */
export function createRedisEventAdapters(options: RedisEventAdaptersOptions): EventAdapters {
  const prefix = options.prefix ?? 'miyu:';
  const logger = options.logger.child({ component: 'events' });
  const connections = createRedisConnections(options.url, prefix, logger);
  const eventLog = createRedisEventLog({ connections, key: `${prefix}events`, logger });
  const pubsub = createRedisPubSub({ connections, channelPrefix: `${prefix}topic:`, logger });
  const replyStreams = createRedisReplyStreams({ connections, keyPrefix: `${prefix}reply:`, logger });
  const deadLetters = createRedisDeadLetters(connections, `${prefix}dead-letters`);
  const queues = new Map<string, JobQueue<Record<string, unknown>>>();

  return {
    eventLog,
    pubsub,
    replyStreams,
    deadLetters,
    jobQueue<T extends Record<string, unknown>>(name: string) {
      const queue = cachedQueue(queues, name, () =>
        createRedisJobQueue<Record<string, unknown>>({
          url: options.url,
          name,
          prefix: `${prefix}jobs`,
          logger,
          ping: () => ping(connections),
        }),
      );
      return queue as unknown as JobQueue<T>;
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await Promise.all([eventLog.close(), pubsub.close(), replyStreams.close()]);
      await connections.closeAll();
    },
  };
}
