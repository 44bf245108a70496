import { jwtVerify, SignJWT } from 'jose';
import type { Principal } from './principal.ts';

/** Header the router uses to forward the caller to subgraphs. */
export const INTERNAL_TOKEN_HEADER = 'x-miyu-internal';
const ISSUER = 'miyu-router';
const AUDIENCE = 'miyu-subgraph';

/**
 * The router signs a short-lived token (HS256 with a secret shared by router and subgraphs);
 * subgraphs take the caller's identity only from it and refuse requests without it.
 */
export function createInternalTokens(secret: string, ttlSeconds = 60) {
  const key = new TextEncoder().encode(secret);
  const verified = new Map<string, { principal: Principal; exp: number }>();

  return {
    async sign(principal: Principal): Promise<string> {
      return new SignJWT({ p: principal })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    /** Resolves the principal, or null when the token is missing, forged or expired. */
    async verify(token: string | undefined | null): Promise<Principal | null> {
      if (!token) return null;
      const now = Math.floor(Date.now() / 1000);
      const cached = verified.get(token);
      if (cached && cached.exp > now) return cached.principal;
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
        const principal = payload.p as Principal;
        // The router reuses one token per principal for a while; a small cache saves HMACs.
        if (verified.size > 10_000) verified.clear();
        verified.set(token, { principal, exp: payload.exp ?? now });
        return principal;
      } catch {
        return null;
      }
    },
  };
}

export type InternalTokens = ReturnType<typeof createInternalTokens>;
