import { describe, expect, it } from 'vitest';
import { apiKeyMatches, generateApiKey, parseApiKeyId } from './api-key.ts';
import { createInternalTokens } from './internal-token.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { createUserTokenSigner, createUserTokenVerifier, generateSigningKey } from './user-tokens.ts';

describe('internal tokens', () => {
  it('round-trips a principal and rejects a token signed with another secret', async () => {
    const tokens = createInternalTokens('a'.repeat(32));
    const other = createInternalTokens('b'.repeat(32));
    const token = await tokens.sign({ kind: 'user', userId: 'u1', scopes: [] });
    expect(await tokens.verify(token)).toEqual({ kind: 'user', userId: 'u1', scopes: [] });
    expect(await other.verify(token)).toBeNull();
    expect(await tokens.verify('garbage')).toBeNull();
    expect(await tokens.verify(undefined)).toBeNull();
  });
});

describe('passwords', () => {
  it('verifies the right password only', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
  });
});

describe('api keys', () => {
  it('parses the key id and matches only its own hash', () => {
    // base64url secrets often contain `_`: every generated key must still parse
    for (let i = 0; i < 200; i += 1) expect(parseApiKeyId(generateApiKey(`k${i}`).secret)).toBe(`k${i}`);
    const { secret, hash } = generateApiKey('key123');
    expect(parseApiKeyId(secret)).toBe('key123');
    expect(apiKeyMatches(secret, hash)).toBe(true);
    expect(apiKeyMatches(`${secret}x`, hash)).toBe(false);
    expect(parseApiKeyId('not-a-key')).toBeNull();
  });
});

describe('user tokens', () => {
  it('verifies tokens of its own key set and rejects others', async () => {
    const key = await generateSigningKey('k1');
    const signer = createUserTokenSigner(key, 60);
    const verify = createUserTokenVerifier({ jwks: signer.jwks() });
    const { token } = await signer.sign('user-1');
    expect((await verify(token))?.userId).toBe('user-1');
    const stranger = createUserTokenSigner(await generateSigningKey('k1'), 60);
    expect(await verify((await stranger.sign('user-1')).token)).toBeNull();
  });
});
