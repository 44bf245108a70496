import { randomUUID } from 'node:crypto';
import { createInternalTokens } from '@miyu/auth/internal-token';
import { createMemoryAccountRevocations } from '@miyu/events/revocation/account-revocations';
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_REFUSALS, createAuthenticator } from './authenticate.ts';

describe('authenticate: deleted accounts', () => {
  it('refuses every credential of a revoked account at once, and only of that account', async () => {
    const revocations = createMemoryAccountRevocations();
    const authenticate = createAuthenticator({
      jwksUrl: 'http://127.0.0.1:9/jwks',
      identityUrl: 'http://127.0.0.1:9/',
      serviceCredentials: [{ name: 'pipeline', secret: 'pipeline-secret', actAs: true }],
      internalTokens: createInternalTokens('x'.repeat(32)),
      revocations,
    });
    const deleted = randomUUID();
    const other = randomUUID();
    const before = await authenticate('Bearer pipeline-secret', deleted);
    expect(before.principal).toMatchObject({ kind: 'user', userId: deleted });
    // the persisted-operations safelist lets a service acting for a user send its own documents
    expect(before.actedBy).toBe('pipeline');
    await revocations.revoke(deleted);
    await expect(authenticate('Bearer pipeline-secret', deleted)).rejects.toMatchObject({
      message: CREDENTIAL_REFUSALS.deleted,
      code: 'UNAUTHENTICATED',
    });
    expect((await authenticate('Bearer pipeline-secret', other)).principal).toMatchObject({ userId: other });
    // a service acting for nobody is not an account
    expect((await authenticate('Bearer pipeline-secret')).principal.kind).toBe('service');
  });
});
