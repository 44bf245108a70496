import { Redis } from 'ioredis';
import { type AccountRevocations, REVOCATION_TTL_SECONDS } from './account-revocations.ts';

/** The distributed store: one key per revoked account, read by every router replica. */
export function createRedisAccountRevocations(url: string, prefix: string): AccountRevocations {
  // a failed check must refuse the request rather than hang it: one retry, short timeouts
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  const key = (userId: string) => `${prefix}account-revoked:${userId}`;
  return {
    async revoke(userId) {
      await redis.set(key(userId), '1', 'EX', REVOCATION_TTL_SECONDS);
    },
    async isRevoked(userId) {
      return (await redis.exists(key(userId))) === 1;
    },
    async close() {
      redis.disconnect();
    },
  };
}
