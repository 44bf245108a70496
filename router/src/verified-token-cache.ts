import { LRUCache } from 'lru-cache';
import type { UserTokenClaims } from '@miyu/auth/user-tokens';

type Verify = (token: string) => Promise<UserTokenClaims | null>;

/**
 * Remembers verified user tokens until they expire, so a busy user costs one Ed25519 check per
 * token instead of one per request. Bounded (least recently used out first); a refused token is
 * not remembered, and concurrent checks of one token share one verification.
 */
export function cacheVerifiedTokens(verify: Verify, options: { maxEntries?: number; now?: () => number } = {}): Verify {
  const now = options.now ?? Date.now;
  const verified = new LRUCache<string, UserTokenClaims>({ max: options.maxEntries ?? 10_000 });
  const pending = new Map<string, Promise<UserTokenClaims | null>>();
  return (token) => {
    const hit = verified.get(token);
    if (hit) {
      if (hit.expiresAt.getTime() > now()) return Promise.resolve(hit);
      verified.delete(token);
      return Promise.resolve(null);
    }
    const inFlight = pending.get(token);
    if (inFlight) return inFlight;
    const check = verify(token).then(
      (claims) => {
        pending.delete(token);
        if (claims && claims.expiresAt.getTime() > now()) verified.set(token, claims);
        return claims;
      },
      (error: unknown) => {
        pending.delete(token);
        throw error;
      },
    );
    pending.set(token, check);
    return check;
  };
}
