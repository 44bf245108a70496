import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaRole } from './schema-role.ts';
import { openSharedPglite } from './shared-pglite.ts';
import { startPgliteWorker } from './pglite-worker-client.ts';

describe('subgraphs sharing a PGlite cluster cannot reach each other’s tables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'miyu-shared-pglite-roles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs each view as its schema’s own role, denied on every other schema', async () => {
    const cluster = join(dir, 'cluster');
    const [alpha, beta] = await Promise.all([openSharedPglite(cluster, 'alpha'), openSharedPglite(cluster, 'beta')]);
    await alpha.exec("create table secrets (v text); insert into secrets values ('alpha only');");
    await beta.exec('create table notes (v text);');
    expect((await alpha.query('select current_user as role')).rows).toEqual([{ role: schemaRole('alpha') }]);
    await expect(beta.query('select v from alpha.secrets')).rejects.toMatchObject({ code: '42501' });
    await expect(beta.transaction((tx) => tx.query('select v from alpha.secrets'))).rejects.toMatchObject({ code: '42501' });
    await expect(beta.query('create schema gamma')).rejects.toMatchObject({ code: '42501' });
    // pgvector, which only a superuser may create, is there for every role to use
    await beta.exec("create table vectors (v extensions.vector(3)); insert into vectors values ('[1,2,3]');");
    expect((await beta.query("select v <-> '[1,2,4]' as distance from vectors")).rows).toEqual([{ distance: 1 }]);
    // beta's own work still goes on, and alpha still sees its row
    await beta.query("insert into notes values ('fine')");
    expect((await alpha.query('select v from secrets')).rows).toEqual([{ v: 'alpha only' }]);
    await Promise.all([alpha.close(), beta.close()]);
  });

  it('hands a schema of the first shared layout (created by the superuser) to its role on open', async () => {
    const cluster = join(dir, 'older');
    const plain = await startPgliteWorker({ dataDir: cluster });
    await plain.exec(
      "create schema legacy; create table legacy.items (id serial primary key, v text); insert into legacy.items (v) values ('kept');",
    );
    await plain.close();
    const view = await openSharedPglite(cluster, 'legacy');
    await view.query("insert into items (v) values ('new')");
    expect((await view.query('select v from items order by id')).rows).toEqual([{ v: 'kept' }, { v: 'new' }]);
    expect((await view.query("select tableowner from pg_tables where tablename = 'items'")).rows).toEqual([
      { tableowner: schemaRole('legacy') },
    ]);
    await view.close();
  });
});
