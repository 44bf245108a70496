import type { Logger } from '@miyu/platform/logger';
import type { EventAdapters } from './event-types.ts';
import { createMemoryEventAdapters } from './memory/create-memory-adapters.ts';
import { createRedisEventAdapters } from './redis/create-redis-adapters.ts';
import { createAccountRevocations } from './revocation/create-account-revocations.ts';
import { skipRevokedAccounts } from './revocation/skip-revoked-accounts.ts';

export interface EventAdaptersOptions {
  /** Distributed mode when set; the in-process adapters otherwise. */
  redisUrl?: string;
  logger: Logger;
  /** Redis key prefix (default `miyu:`). */
  redisPrefix?: string;
}

/**
 * The adapters of one process, with the deleted-account store: Redis (shared by every process)
 * or in memory (shared by the router and the subgraphs of `npm start`). Consumers of the event
 * log skip events about a deleted account.
 */
export function createEventAdapters(options: EventAdaptersOptions): EventAdapters {
  const adapters = options.redisUrl
    ? createRedisEventAdapters({ url: options.redisUrl, logger: options.logger, prefix: options.redisPrefix })
    : createMemoryEventAdapters({ logger: options.logger });
  const revocations = createAccountRevocations({ redisUrl: options.redisUrl, prefix: options.redisPrefix ?? 'miyu:' });
  return {
    ...adapters,
    eventLog: skipRevokedAccounts(adapters.eventLog, revocations),
    revocations,
    async close() {
      await adapters.close();
      await revocations.close();
    },
  };
}
