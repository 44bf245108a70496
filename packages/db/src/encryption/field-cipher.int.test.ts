import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { freshDatabaseTarget } from '@miyu/testing/test-database';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrm, type Orm } from '../create-orm.ts';
import type { EncryptedEntity } from './encrypted-fields.ts';
import { createFieldCipherSubscriber, installFieldCipher } from './field-cipher-subscriber.ts';
import { verifyKeyring } from './key-check.ts';
import { rotateKeys } from './key-rotation.ts';
import { generateKeyEntry, parseKeyring } from './keyring.ts';
import { qualified } from './sql-table.ts';

const NoteEntity = defineEntity({
  name: 'Note',
  tableName: 'notes',
  properties: { id: p.uuid().primary(), userId: p.uuid(), body: p.text(), parts: p.json<string[]>().nullable() },
});
const spec: EncryptedEntity = {
  entity: 'Note',
  table: 'notes',
  idColumn: 'id',
  owner: { property: 'userId', column: 'user_id' },
  fields: [
    { property: 'body', column: 'body' },
    { property: 'parts', column: 'parts', json: true },
  ],
};

const orms: Orm[] = [];
afterEach(async () => {
  for (const orm of orms.splice(0)) await orm.close(true);
});

async function database() {
  const orm = await createOrm({ target: freshDatabaseTarget('crypto'), entities: [NoteEntity], migrations: [], migrate: false });
  orms.push(orm);
  await orm.schema.create();
  return orm;
}

const raw = async (orm: Orm) => {
  const em = orm.em.fork();
  return (await em
    .getConnection()
    .execute(`select id, body, parts::text as parts from ${qualified(em, 'notes')} order by id`)) as Array<
    Record<string, string>
  >;
};

describe('field cipher on a real database', () => {
  it('stores only ciphertext, reads plaintext, and finds no false change on flush', async () => {
    const orm = await database();
    const keyring = parseKeyring(generateKeyEntry('k1'));
    orm.em.getEventManager().registerSubscriber(createFieldCipherSubscriber(keyring, [spec]));
    const userId = randomUUID();
    const em = orm.em.fork();
    const note = em.create(NoteEntity, { id: randomUUID(), userId, body: 'my cat Tofu', parts: ['Tofu', 'part two'] });
    await em.flush();
    expect(note.body).toBe('my cat Tofu');
    const [row] = await raw(orm);
    expect(JSON.stringify(row)).not.toContain('Tofu');
    const read = orm.em.fork();
    const loaded = await read.findOneOrFail(NoteEntity, { id: note.id });
    expect(loaded.body).toBe('my cat Tofu');
    expect(loaded.parts).toEqual(['Tofu', 'part two']);
    expect(read.getUnitOfWork().computeChangeSets() ?? undefined).toBeUndefined();
    expect(read.getUnitOfWork().getChangeSets()).toHaveLength(0);
    loaded.body = 'my cat Miso';
    await read.flush();
    expect(JSON.stringify(await raw(orm))).not.toContain('Miso');
    expect((await orm.em.fork().findOneOrFail(NoteEntity, { id: note.id })).body).toBe('my cat Miso');
  });

  it('keeps plaintext when the same EntityManager finds a row again (merged, no second onLoad) and through em.map', async () => {
    const orm = await database();
    installFieldCipher(orm.em, parseKeyring(generateKeyEntry('k1')), [spec]);
    const em = orm.em.fork();
    const note = em.create(NoteEntity, { id: randomUUID(), userId: randomUUID(), body: 'my cat Tofu', parts: ['Tofu'] });
    await em.flush();
    const reader = orm.em.fork();
    await reader.transactional((tx) => tx.findOneOrFail(NoteEntity, { id: note.id }));
    const again = await reader.find(NoteEntity, { id: { $in: [note.id] } });
    expect(again[0]?.body).toBe('my cat Tofu');
    expect(again[0]?.parts).toEqual(['Tofu']);
    expect(reader.getUnitOfWork().getChangeSets()).toHaveLength(0);
    const [row] = (await reader.getConnection().execute(`select * from ${qualified(reader, 'notes')}`)) as Array<
      Record<string, unknown>
    >;
    expect(orm.em.fork().map(NoteEntity, row as never).body).toBe('my cat Tofu');
  });

  it("fails to read a value copied into another person's row", async () => {
    const orm = await database();
    const keyring = parseKeyring(generateKeyEntry('k1'));
    orm.em.getEventManager().registerSubscriber(createFieldCipherSubscriber(keyring, [spec]));
    const em = orm.em.fork();
    const mine = em.create(NoteEntity, { id: randomUUID(), userId: randomUUID(), body: 'mine', parts: null });
    const theirs = em.create(NoteEntity, { id: randomUUID(), userId: randomUUID(), body: 'theirs', parts: null });
    await em.flush();
    const conn = em.getConnection();
    const table = qualified(em, 'notes');
    await conn.execute(`update ${table} set body = (select body from ${table} where id = ?) where id = ?`, [mine.id, theirs.id]);
    await expect(orm.em.fork().findOneOrFail(NoteEntity, { id: theirs.id })).rejects.toThrow(/does not open this value/);
  });

  it('refuses to start with a missing or wrong key, naming the key id', async () => {
    const orm = await database();
    const k1 = generateKeyEntry('k1');
    await verifyKeyring(orm.em.fork(), parseKeyring(k1), 'memory');
    await expect(verifyKeyring(orm.em.fork(), parseKeyring(generateKeyEntry('k2')), 'memory')).rejects.toThrow(
      /key id 'k1', which MIYU_ENCRYPTION_KEYS does not contain/,
    );
    await expect(verifyKeyring(orm.em.fork(), parseKeyring(generateKeyEntry('k1')), 'memory')).rejects.toThrow(
      /key id 'k1' in MIYU_ENCRYPTION_KEYS is not the key/,
    );
    await verifyKeyring(orm.em.fork(), parseKeyring(k1), 'memory');
  });

  it('rotates plaintext and old-key rows to the new key, loses nothing, and then forgets the old key', async () => {
    const orm = await database();
    const old = generateKeyEntry('old');
    const userId = randomUUID();
    const em = orm.em.fork();
    em.create(NoteEntity, { id: randomUUID(), userId, body: 'plain before encryption', parts: null });
    await em.flush();
    const oldRing = parseKeyring(old);
    await verifyKeyring(orm.em.fork(), oldRing, 'test');
    const writer = orm.em.fork();
    for (let i = 0; i < 25; i++) writer.create(NoteEntity, { id: randomUUID(), userId, body: `note ${i}`, parts: [`part ${i}`] });
    await createFieldCipherSubscriberFlush(writer, oldRing);
    const rotated = parseKeyring(`${generateKeyEntry('new')},${old}`);
    await verifyKeyring(orm.em.fork(), rotated, 'test');
    const result = await rotateKeys(orm.em.fork(), rotated, [spec], { batchSize: 7 });
    expect(result.complete).toBe(true);
    expect(result.tables[0]).toMatchObject({ found: 26, rewritten: 26, remaining: 0 });
    expect(result.retired).toEqual(['old']);
    const rows = await raw(orm);
    expect(rows.every((row) => row.body?.startsWith('v1:new:'))).toBe(true);
    const onlyNew = parseKeyring(`${rotated.current.kid}:${rotated.current.key.toString('base64')}`);
    await verifyKeyring(orm.em.fork(), onlyNew, 'test');
    const reader = orm.em.fork();
    reader.getEventManager().registerSubscriber(createFieldCipherSubscriber(onlyNew, [spec]));
    const bodies = (await reader.find(NoteEntity, {})).map((note) => note.body).sort();
    expect(bodies).toHaveLength(26);
    expect(bodies).toContain('plain before encryption');
    expect(bodies).toContain('note 24');
  });
});

/** Flushes with a cipher bound to one fork only (a process still on the old key list). */
async function createFieldCipherSubscriberFlush(em: ReturnType<Orm['em']['fork']>, keyring: ReturnType<typeof parseKeyring>) {
  const fork = em.fork({ cloneEventManager: true });
  fork.getEventManager().registerSubscriber(createFieldCipherSubscriber(keyring, [spec]));
  for (const entity of em.getUnitOfWork().getPersistStack()) fork.persist(entity);
  await fork.flush();
}
