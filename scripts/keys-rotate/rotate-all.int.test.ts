import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrm } from '@miyu/db/create-orm';
import { databaseTargetFor } from '@miyu/db/database-config';
import { installFieldCipher } from '@miyu/db/encryption/field-cipher-subscriber';
import { verifyKeyring } from '@miyu/db/encryption/key-check';
import { generateKeyEntry, parseKeyring } from '@miyu/db/encryption/keyring';
import { qualified } from '@miyu/db/encryption/sql-table';
import { database as identity } from '@miyu/identity/database';
import { UserEntity } from '@miyu/identity/modules/user/user.entity';
import { testEnv } from '@miyu/testing/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateAllDatabases } from './rotate-all.ts';

describe('keys:rotate over a subgraph database', () => {
  let dataDir: string;
  // PostgreSQL: a schema of its own, so other tests' keys are not in the way
  const target = testEnv().DATABASE_URL
    ? { kind: 'postgres' as const, url: testEnv().DATABASE_URL as string, schema: `keys_rotate_${randomUUID().slice(0, 8)}` }
    : undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'miyu-keys-rotate-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seals plaintext and old-key rows with the new key, reports progress, then needs only the new key', async () => {
    const where = target ?? databaseTargetFor('identity', { dataDir });
    const old = generateKeyEntry('old');
    const orm = await createOrm({ target: where, ...identity });
    const names = Array.from({ length: 25 }, (_, i) => `Person ${i}`);
    try {
      await verifyKeyring(orm.em.fork(), parseKeyring(old), 'identity');
      installFieldCipher(orm.em, parseKeyring(old), identity.encrypted);
      const em = orm.em.fork();
      for (const displayName of names) em.create(UserEntity, { id: randomUUID(), email: null, passwordHash: null, displayName });
      await em.flush();
      // a row stored before encryption: plaintext
      await em
        .getConnection()
        .execute(`insert into ${qualified(em, 'users')} (id, display_name, created_at) values (?, ?, now())`, [
          randomUUID(),
          'Plain Before',
        ]);
    } finally {
      await orm.close();
    }
    const rotated = parseKeyring(`${generateKeyEntry('new')},${old}`);
    const progress: string[] = [];
    const [report] = await rotateAllDatabases([{ name: 'identity', target: where, database: identity }], rotated, {
      batchSize: 7,
      onProgress: (subgraph, table) => progress.push(`${subgraph}.${table.table}:${table.rewritten}/${table.found}`),
    });
    expect(report).toMatchObject({ subgraph: 'identity', complete: true, retired: ['old'] });
    expect(report?.tables.find((t) => t.table === 'users')).toMatchObject({ found: 26, rewritten: 26, remaining: 0 });
    // one line at the start and one per batch of 7
    expect(progress.filter((line) => line.startsWith('identity.users:'))).toEqual([
      'identity.users:0/26',
      'identity.users:7/26',
      'identity.users:14/26',
      'identity.users:21/26',
      'identity.users:26/26',
    ]);
    // the new key alone opens everything; the raw column holds no name
    const onlyNew = parseKeyring(`new:${rotated.current.key.toString('base64')}`);
    const again = await createOrm({ target: where, ...identity });
    try {
      await verifyKeyring(again.em.fork(), onlyNew, 'identity');
      const raw: Array<{ display_name: string }> = await again.em
        .getConnection()
        .execute(`select display_name from ${qualified(again.em.fork(), 'users')}`);
      expect(raw.every((row) => row.display_name.startsWith('v1:new:'))).toBe(true);
      installFieldCipher(again.em, onlyNew, identity.encrypted);
      const read = await again.em.fork().find(UserEntity, {});
      expect(read.map((user) => user.displayName).sort()).toEqual([...names, 'Plain Before'].sort());
    } finally {
      await again.close();
    }
  }, 120_000);
});
