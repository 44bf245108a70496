import type { Logger } from '@miyu/platform/logger';
import type { EventAdapters } from './event-types.ts';
import { createMemoryEventAdapters } from './memory/create-memory-adapters.ts';
import { createRedisEventAdapters } from './redis/create-redis-adapters.ts';

export interface EventAdaptersOptions {
  /** Distributed mode when set; the in-process adapters otherwise. */
  redisUrl?: string;
  logger: Logger;
  /** Redis key prefix (default `miyu:`). */
  redisPrefix?: string;
}

export function createEventAdapters(options: EventAdaptersOptions): EventAdapters {
  if (options.redisUrl)
    return createRedisEventAdapters({ url: options.redisUrl, logger: options.logger, prefix: options.redisPrefix });
  return createMemoryEventAdapters({ logger: options.logger });
}
