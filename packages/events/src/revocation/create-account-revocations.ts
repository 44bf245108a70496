import { type AccountRevocations, createMemoryAccountRevocations } from './account-revocations.ts';
import { createRedisAccountRevocations } from './redis-account-revocations.ts';

/** Redis when a URL is configured (shared by every process), in memory otherwise. */
export function createAccountRevocations(options: { redisUrl?: string | undefined; prefix?: string }): AccountRevocations {
  return options.redisUrl
    ? createRedisAccountRevocations(options.redisUrl, options.prefix ?? 'miyu:')
    : createMemoryAccountRevocations();
}
