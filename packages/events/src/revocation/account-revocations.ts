/**
 * Accounts whose credentials stop working at once (deleteAccount). The router caches verified
 * user tokens until they expire, so it asks this store after its cache on every request; identity
 * writes to it when an account is deleted. In memory when the router and identity share a process
 * (`npm start` without Redis), in Redis (`miyu:account-revoked:<id>`) otherwise.
 */
export interface AccountRevocations {
  revoke(userId: string): Promise<void>;
  isRevoked(userId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** How long a revocation is kept: longer than any user token lives (they carry the deleted id until they expire). */
export const REVOCATION_TTL_SECONDS = 60 * 24 * 3600;

export function createMemoryAccountRevocations(): AccountRevocations {
  const revoked = new Map<string, number>();
  return {
    async revoke(userId) {
      revoked.set(userId, Date.now() + REVOCATION_TTL_SECONDS * 1000);
    },
    async isRevoked(userId) {
      const until = revoked.get(userId);
      if (until === undefined) return false;
      if (until > Date.now()) return true;
      revoked.delete(userId);
      return false;
    },
    async close() {},
  };
}
