import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { createUserTokenSigner, generateSigningKey } from '@miyu/auth/user-tokens';
import { sendJson } from '@miyu/platform/health';
import type { RouteHandler } from '@miyu/graphql/subgraph-server';
import { SigningKeyEntity } from './signing-key.entity.ts';

/**
 * Loads the newest signing key, creating one on first start. Replicas starting together on a fresh
 * database take turns on a transaction-scoped advisory lock, so only the first creates a key and
 * the others load it (each creating its own, they signed tokens the other did not serve in JWKS).
 */
export async function loadOrCreateSigner(em: EntityManager, ttlSeconds: number) {
  const row = await em.fork().transactional(async (tx) => {
    await tx.getConnection().execute(SIGNING_KEY_LOCK, [], 'all', tx.getTransactionContext());
    const [newest] = await tx.find(SigningKeyEntity, {}, { orderBy: { createdAt: 'desc' }, limit: 1 });
    if (newest) return newest;
    const key = await generateSigningKey(randomUUID());
    return tx.create(SigningKeyEntity, { kid: key.kid, privateJwk: key.privateJwk, publicJwk: key.publicJwk });
  });
  return createUserTokenSigner({ kid: row.kid, privateJwk: row.privateJwk, publicJwk: row.publicJwk }, ttlSeconds);
}

const SIGNING_KEY_LOCK = "select pg_advisory_xact_lock(hashtext('miyu:identity:signing-key'))";

export type UserTokenSigner = Awaited<ReturnType<typeof loadOrCreateSigner>>;

/** GET /.well-known/jwks.json: public keys only, readable by anyone (the router verifies with it). */
export function jwksRoute(signer: UserTokenSigner): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'GET' || req.url !== '/.well-known/jwks.json') return false;
    sendJson(res, 200, signer.jwks());
    return true;
  };
}
