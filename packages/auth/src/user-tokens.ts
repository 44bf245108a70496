import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';

export const USER_TOKEN_ISSUER = 'miyu-identity';
export const USER_TOKEN_AUDIENCE = 'miyu';
const ALG = 'EdDSA';

export interface SigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** A fresh Ed25519 signing key; identity persists it so tokens survive restarts. */
export async function generateSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
  return { kid, privateJwk, publicJwk };
}

export function createUserTokenSigner(key: SigningKey, ttlSeconds: number) {
  let privateKey: CryptoKey | Uint8Array | undefined;
  return {
    jwks(): JSONWebKeySet {
      return { keys: [key.publicJwk] };
    },
    async sign(userId: string): Promise<{ token: string; expiresAt: Date }> {
      privateKey ??= await importJWK(key.privateJwk, ALG);
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: ALG, kid: key.kid })
        .setSubject(userId)
        .setIssuer(USER_TOKEN_ISSUER)
        .setAudience(USER_TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(privateKey);
      return { token, expiresAt };
    },
  };
}

export type UserTokenClaims = { userId: string; expiresAt: Date };

/** Verifies user tokens against a JWKS URL (distributed) or an in-process key set (embedded). */
export function createUserTokenVerifier(source: { jwksUrl: string } | { jwks: JSONWebKeySet }) {
  const keySet = 'jwksUrl' in source ? createRemoteJWKSet(new URL(source.jwksUrl)) : createLocalJWKSet(source.jwks);
  return async (token: string): Promise<UserTokenClaims | null> => {
    try {
      const { payload } = await jwtVerify(token, keySet, {
        issuer: USER_TOKEN_ISSUER,
        audience: USER_TOKEN_AUDIENCE,
        algorithms: [ALG],
      });
      if (!payload.sub || !payload.exp) return null;
      return { userId: payload.sub, expiresAt: new Date(payload.exp * 1000) };
    } catch {
      return null;
    }
  };
}
