import type { UserTokenClaims } from '@miyu/auth/user-tokens';
import { describe, expect, it } from 'vitest';
import { cacheVerifiedTokens } from './verified-token-cache.ts';

function counting(claimsFor: (token: string) => UserTokenClaims | null) {
  const calls: string[] = [];
  const verify = async (token: string) => {
    calls.push(token);
    return claimsFor(token);
  };
  return { calls, verify };
}

describe('verified user token cache', () => {
  it('verifies a token once while it is valid, and shares a check in flight', async () => {
    let clock = 1_000;
    const claims = { userId: 'u1', expiresAt: new Date(10_000) };
    const { calls, verify } = counting((token) => (token === 'good' ? claims : null));
    const cached = cacheVerifiedTokens(verify, { now: () => clock });
    const [first, second] = await Promise.all([cached('good'), cached('good')]);
    expect(first).toEqual(claims);
    expect(second).toEqual(claims);
    expect(await cached('good')).toEqual(claims);
    expect(calls).toEqual(['good']);
    clock = 10_000;
    expect(await cached('good')).toBeNull();
  });

  it('does not remember a refused token', async () => {
    const { calls, verify } = counting(() => null);
    const cached = cacheVerifiedTokens(verify);
    expect(await cached('bad')).toBeNull();
    expect(await cached('bad')).toBeNull();
    expect(calls).toEqual(['bad', 'bad']);
  });

  it('stays bounded, dropping the least recently used token', async () => {
    const { calls, verify } = counting((token) => ({ userId: token, expiresAt: new Date(Date.now() + 60_000) }));
    const cached = cacheVerifiedTokens(verify, { maxEntries: 2 });
    await cached('a');
    await cached('b');
    await cached('a');
    await cached('c');
    await cached('a');
    await cached('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });
});
