import { createUserTokenVerifier } from '@miyu/auth/user-tokens';
import { createOrm, type Orm } from '@miyu/db/create-orm';
import { testEnv } from '@miyu/testing/env';
import { freshDatabaseTarget } from '@miyu/testing/test-database';
import { afterEach, describe, expect, it } from 'vitest';
import { database } from '../../database.ts';
import { loadOrCreateSigner } from './signing-key.service.ts';

describe('the signing key', () => {
  const orms: Orm[] = [];
  afterEach(async () => {
    await Promise.all(orms.splice(0).map((orm) => orm.close()));
  });

  it('is created once and loaded again on the next start', async () => {
    const orm = await createOrm({ target: freshDatabaseTarget('signing_key'), ...database });
    orms.push(orm);
    const first = await loadOrCreateSigner(orm.em, 60);
    const again = await loadOrCreateSigner(orm.em, 60);
    expect(again.jwks()).toEqual(first.jwks());
    expect(first.jwks().keys).toHaveLength(1);
  });

  // PGlite is one process's own database: replicas starting together only exist on PostgreSQL
  it.runIf(testEnv().DATABASE_URL)('is one key when replicas start together on a fresh database', async () => {
    const target = freshDatabaseTarget('signing_key');
    orms.push(await createOrm({ target, ...database }));
    orms.push(...(await Promise.all(Array.from({ length: 3 }, () => createOrm({ target, ...database })))));
    const signers = await Promise.all(orms.map((orm) => loadOrCreateSigner(orm.em, 60)));
    const kids = signers.flatMap((signer) => signer.jwks().keys.map((key) => key.kid));
    expect(new Set(kids).size).toBe(1);
    // and a token signed by one replica verifies against the keys another one serves
    const { token } = await signers[1]!.sign('00000000-0000-4000-8000-000000000001');
    const verify = createUserTokenVerifier({ jwks: signers[3]!.jwks() });
    expect((await verify(token))?.userId).toBe('00000000-0000-4000-8000-000000000001');
    const [first] = orms;
    const schema = target.kind === 'postgres' ? target.schema : '';
    await first!.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
  });
});
