import { timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX } from '@miyu/auth/api-key';
import { INTERNAL_TOKEN_HEADER, type InternalTokens } from '@miyu/auth/internal-token';
import { ANONYMOUS, type Principal } from '@miyu/auth/principal';
import { createUserTokenVerifier } from '@miyu/auth/user-tokens';
import { UUID_PATTERN } from '@miyu/graphql/ids';
import type { AccountRevocations } from '@miyu/events/revocation/account-revocations';
import { errors } from '@miyu/platform/errors';
import { cacheVerifiedTokens } from './verified-token-cache.ts';

/** Scopes a worker's service credential carries. */
const SERVICE_SCOPES = ['platform:session'];
/** The header with which a trusted service (the reply pipeline) acts for one user. */
export const ACT_AS_HEADER = 'x-miyu-act-as';
/**
 * How long a verified key is trusted without asking identity again. Identity answers a revoked
 * key with 404 at once; this bound is how long a router may still accept it (it was 30 s). Two
 * seconds keeps a busy integrator to one verification (and one lastUsedAt write) per window.
 */
export const API_KEY_CACHE_MS = 2_000;
/** The sentences a refused credential gets (401 UNAUTHENTICATED), naming which credential failed. */
export const CREDENTIAL_REFUSALS = {
  malformed: 'The Authorization header must be "Bearer <token or API key>".',
  apiKey: 'The API key is not valid or was revoked.',
  token: 'The sign-in token has expired or is not valid; sign in again.',
  deleted: 'This account was deleted: its sign-in tokens and API keys no longer work.',
} as const;

export interface AuthenticatorOptions {
  jwksUrl: string;
  identityUrl: string;
  serviceCredentials: { name: string; secret: string; actAs?: boolean }[];
  internalTokens: InternalTokens;
  /** Deleted accounts: asked after the token cache, so their credentials stop at once. */
  revocations?: AccountRevocations;
}

export interface Authenticated {
  principal: Principal;
  /** When the credential stops being valid (user tokens); subscriptions end then. */
  expiresAt: Date | null;
  /** The service credential acting for this user (x-miyu-act-as), e.g. the reply pipeline. */
  actedBy?: string;
}

/**
 * Resolves the Authorization header to a principal. A malformed, expired or unknown credential
 * is an error (401), never a silent downgrade to anonymous.
 */
export function createAuthenticator(options: AuthenticatorOptions) {
  const verifyUserToken = cacheVerifiedTokens(createUserTokenVerifier({ jwksUrl: options.jwksUrl }));
  const apiKeyCache = new Map<string, { result: Authenticated | null; until: number }>();
  const verifyUrl = new URL('/internal/api-keys/verify', options.identityUrl);

  async function verifyApiKey(secret: string): Promise<Authenticated | null> {
    const cached = apiKeyCache.get(secret);
    if (cached && cached.until > Date.now()) return cached.result;
    const response = await fetch(verifyUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_TOKEN_HEADER]: await options.internalTokens.sign({ kind: 'service', name: 'router', scopes: [] }),
      },
      body: JSON.stringify({ secret }),
      signal: AbortSignal.timeout(5_000),
    }).catch(() => {
      throw errors.subgraphUnavailable('identity');
    });
    if (response.status >= 500) throw errors.subgraphUnavailable('identity');
    const body = response.ok ? ((await response.json()) as { userId: string; keyId: string; scopes: string[] }) : null;
    const result = body ? { principal: { kind: 'apiKey' as const, ...body }, expiresAt: null } : null;
    if (apiKeyCache.size > 10_000) apiKeyCache.clear();
    // only a valid key is cached: a refused one is asked again (a key just created must work at once)
    if (result) apiKeyCache.set(secret, { result, until: Date.now() + API_KEY_CACHE_MS });
    return result;
  }

  function matchServiceCredential(secret: string, actAs: string | undefined): Authenticated | null {
    const presented = Buffer.from(secret);
    for (const credential of options.serviceCredentials) {
      const expected = Buffer.from(credential.secret);
      if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) continue;
      if (actAs === undefined)
        return { principal: { kind: 'service', name: credential.name, scopes: SERVICE_SCOPES }, expiresAt: null };
      // only credentials configured for it may act for a user (the reply pipeline's)
      if (!credential.actAs) throw errors.forbidden(`The ${credential.name} credential may not act for users.`);
      if (!UUID_PATTERN.test(actAs)) throw errors.badInput(`${ACT_AS_HEADER} must be a user id.`);
      return { principal: { kind: 'user', userId: actAs, scopes: [] }, expiresAt: null, actedBy: credential.name };
    }
    return null;
  }

  async function refuseDeleted(result: Authenticated): Promise<Authenticated> {
    const { principal } = result;
    if (principal.kind !== 'user' && principal.kind !== 'apiKey') return result;
    if (await options.revocations?.isRevoked(principal.userId)) throw errors.unauthenticated(CREDENTIAL_REFUSALS.deleted);
    return result;
  }

  return async function authenticate(authorization: string | undefined | null, actAs?: string): Promise<Authenticated> {
    return refuseDeleted(await resolve(authorization, actAs));
  };

  async function resolve(authorization: string | undefined | null, actAs?: string): Promise<Authenticated> {
    if (!authorization) return { principal: ANONYMOUS, expiresAt: null };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) throw errors.unauthenticated(CREDENTIAL_REFUSALS.malformed);
    const credential = match[1];
    if (credential.startsWith(API_KEY_PREFIX)) {
      const result = await verifyApiKey(credential);
      if (!result) throw errors.unauthenticated(CREDENTIAL_REFUSALS.apiKey);
      return result;
    }
    const service = matchServiceCredential(credential, actAs);
    if (service) return service;
    const claims = await verifyUserToken(credential);
    if (!claims) throw errors.unauthenticated(CREDENTIAL_REFUSALS.token);
    return { principal: { kind: 'user', userId: claims.userId, scopes: [] }, expiresAt: claims.expiresAt };
  }
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
