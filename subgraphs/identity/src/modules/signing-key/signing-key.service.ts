import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { createUserTokenSigner, generateSigningKey } from '@miyu/auth/user-tokens';
import { sendJson } from '@miyu/platform/health';
import type { RouteHandler } from '@miyu/graphql/subgraph-server';
import { SigningKeyEntity } from './signing-key.entity.ts';

/** Loads the newest signing key, creating one on first start. */
export async function loadOrCreateSigner(em: EntityManager, ttlSeconds: number) {
  const fork = em.fork();
  let [row] = await fork.find(SigningKeyEntity, {}, { orderBy: { createdAt: 'desc' }, limit: 1 });
  if (!row) {
    const key = await generateSigningKey(randomUUID());
    row = fork.create(SigningKeyEntity, { kid: key.kid, privateJwk: key.privateJwk, publicJwk: key.publicJwk });
    await fork.flush();
  }
  return createUserTokenSigner({ kid: row.kid, privateJwk: row.privateJwk, publicJwk: row.publicJwk }, ttlSeconds);
}

export type UserTokenSigner = Awaited<ReturnType<typeof loadOrCreateSigner>>;

/** GET /.well-known/jwks.json: public keys only, readable by anyone (the router verifies with it). */
export function jwksRoute(signer: UserTokenSigner): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'GET' || req.url !== '/.well-known/jwks.json') return false;
    sendJson(res, 200, signer.jwks());
    return true;
  };
}
