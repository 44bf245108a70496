import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgliteWorkerClient, startPgliteWorker } from './pglite-worker-client.ts';

describe('PGlite in a worker thread', () => {
  let db: PgliteWorkerClient;
  beforeAll(async () => {
    db = await startPgliteWorker({ dataDir: undefined });
    await db.exec(`
      create extension if not exists vector;
      create table notes (id int primary key, body text not null, meta jsonb, at timestamptz, blob bytea, embedding vector(3));
    `);
  });
  afterAll(() => db?.close());

  it('runs parameterised queries and returns the values MikroORM expects', async () => {
    const at = new Date('2026-11-24T01:02:03.004Z');
    const inserted = await db.query('insert into notes (id, body, meta, at, blob, embedding) values ($1, $2, $3, $4, $5, $6)', [
      1,
      'hello',
      JSON.stringify({ a: [1, 2] }),
      at,
      new Uint8Array([1, 2, 3]),
      '[1,2,3]',
    ]);
    expect(inserted.affectedRows).toBe(1);
    const { rows } = await db.query('select * from notes where id = $1', [1]);
    expect(rows).toEqual([
      {
        id: 1,
        body: 'hello',
        meta: { a: [1, 2] },
        // MikroORM's parsers keep timestamps as text; it hydrates them itself
        at: expect.stringMatching(/^2026-11-24 01:02:03\.004/),
        blob: new Uint8Array([1, 2, 3]),
        embedding: '[1,2,3]',
      },
    ]);
  });

  it('reports database errors with their SQLSTATE and constraint, and keeps serving', async () => {
    await expect(db.query('insert into notes (id, body) values ($1, $2)', [1, 'again'])).rejects.toMatchObject({
      code: '23505',
      constraint: 'notes_pkey',
    });
    await expect(db.query('select nope from notes')).rejects.toMatchObject({ code: '42703' });
    expect((await db.query('select count(*)::int as n from notes')).rows).toEqual([{ n: 1 }]);
  });

  it('commits and rolls back transactions, and queries outside wait for them', async () => {
    await db.transaction(async (tx) => {
      await tx.query('insert into notes (id, body) values (2, $1)', ['kept']);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into notes (id, body) values (3, $1)', ['dropped']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await db.transaction(async (tx) => {
      await tx.query('insert into notes (id, body) values (4, $1)', ['rolled back']);
      await tx.rollback();
    });
    let outsideDone = false;
    let release: () => void = () => {};
    const held = db.transaction(async (tx) => {
      await tx.query('update notes set body = $1 where id = 2', ['updated']);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    const outside = db.query('select body from notes where id = 2').then((result) => {
      outsideDone = true;
      return result.rows;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(outsideDone).toBe(false);
    release();
    await held;
    expect(await outside).toEqual([{ body: 'updated' }]);
    expect((await db.query('select id from notes order by id')).rows).toEqual([{ id: 1 }, { id: 2 }]);
  });
});

describe('PGlite in a worker thread, on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'miyu-pglite-worker-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its data across a close and a restart', async () => {
    const first = await startPgliteWorker({ dataDir: join(dir, 'cluster') });
    await first.exec("create table kept (v text); insert into kept values ('still here');");
    await first.close();
    expect(first.closed).toBe(true);
    await expect(first.query('select 1')).rejects.toThrow(/exited/);
    const second = await startPgliteWorker({ dataDir: join(dir, 'cluster') });
    expect((await second.query('select v from kept')).rows).toEqual([{ v: 'still here' }]);
    await second.close();
  });
});
