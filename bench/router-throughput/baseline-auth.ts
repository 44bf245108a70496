import { createInternalTokens } from '@miyu/auth/internal-token';
import { createUserTokenVerifier } from '@miyu/auth/user-tokens';

/**
 * What a stock gateway in front of MIYU's subgraphs must do at the least: verify the user's JWT
 * (Ed25519 against identity's JWKS, every request, as a gateway with no cache of its own does)
 * and forward the caller as the internal token the subgraphs require. The internal token is
 * reused per user for 30 s (as MIYU's router does), so the baselines are not charged an HMAC per
 * subgraph fetch.
 */
export function createBaselineAuth(jwksUrl: string, internalTokenSecret: string) {
  const verify = createUserTokenVerifier({ jwksUrl });
  const tokens = createInternalTokens(internalTokenSecret);
  const signed = new Map<string, { token: Promise<string>; until: number }>();

  function internalTokenFor(userId: string): Promise<string> {
    const cached = signed.get(userId);
    if (cached && cached.until > Date.now()) return cached.token;
    const token = tokens.sign({ kind: 'user', userId, scopes: [] });
    signed.set(userId, { token, until: Date.now() + 30_000 });
    return token;
  }

  /** The internal token for this Authorization header; undefined for none or an invalid one. */
  return async (authorization: string | null | undefined): Promise<string | undefined> => {
    const jwt = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!jwt) return undefined;
    const claims = await verify(jwt);
    return claims ? internalTokenFor(claims.userId) : undefined;
  };
}
