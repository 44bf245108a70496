import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSharedPglite } from './shared-pglite.ts';

describe('one PGlite cluster shared by subgraphs, one schema each', () => {
  const dir = mkdtempSync(join(tmpdir(), 'miyu-shared-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each view in its own schema, through interleaved queries, transactions and a restart', async () => {
    const cluster = join(dir, 'cluster');
    const [a, b] = await Promise.all([openSharedPglite(cluster, 'alpha'), openSharedPglite(cluster, 'beta')]);
    for (const [view, name] of [
      [a, 'alpha'],
      [b, 'beta'],
    ] as const)
      await view.exec(`create table notes (v text); insert into notes values ('${name}');`);
    const reads = await Promise.all([a, b, a, b].map((view) => view.query('select v from notes')));
    expect(reads.map((result) => result.rows)).toEqual([[{ v: 'alpha' }], [{ v: 'beta' }], [{ v: 'alpha' }], [{ v: 'beta' }]]);
    await expect(
      a.transaction(async (tx) => {
        await tx.query("insert into notes values ('dropped')");
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await b.transaction(async (tx) => {
      await tx.query("insert into notes values ('beta 2')");
    });
    expect((await a.query('select v from notes')).rows).toEqual([{ v: 'alpha' }]);
    expect((await a.query("select count(*)::int as n from pg_tables where tablename = 'notes'")).rows).toEqual([{ n: 2 }]);
    await a.close();
    expect((await b.query('select v from notes order by v')).rows).toEqual([{ v: 'beta' }, { v: 'beta 2' }]);
    await b.close();
    const again = await openSharedPglite(cluster, 'beta');
    expect((await again.query('select count(*)::int as n from notes')).rows).toEqual([{ n: 2 }]);
    await again.close();
  });
});
