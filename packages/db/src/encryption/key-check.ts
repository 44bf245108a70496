import type { EntityManager } from '@mikro-orm/core';
import { ConfigError } from '@miyu/platform/env-schema';
import type { Keyring } from './keyring.ts';
import { open, seal } from './sealed-value.ts';
import { qualified } from './sql-table.ts';

/**
 * Each database remembers which keys sealed its data: one row per key id holding a value sealed
 * with that key. At start every remembered key must be configured and must open its row, so a
 * missing or wrong key stops the start with the key id named, rather than failing on each read.
 * The table lives beside the subgraph's own (created here, like the migration lock's, because
 * the check must run whatever migrations hold).
 */
const TABLE = 'encryption_key_checks';
const CHECK_TEXT = 'miyu key check';
const context = (kid: string) => ({ purpose: `${TABLE}.check_value`, userId: kid });

type Rows = Array<{ kid: string; check_value: string }>;

export async function verifyKeyring(em: EntityManager, keyring: Keyring, service: string): Promise<void> {
  const table = qualified(em, TABLE);
  const connection = em.getConnection();
  await connection.execute(
    `create table if not exists ${table} (kid varchar(32) primary key, check_value text not null, created_at timestamptz not null default now())`,
  );
  const rows: Rows = await connection.execute(`select kid, check_value from ${table} order by created_at`);
  const problems: string[] = [];
  for (const row of rows) {
    const key = keyring.byId.get(row.kid);
    if (!key) {
      problems.push(`${service}'s data is encrypted with key id '${row.kid}', which MIYU_ENCRYPTION_KEYS does not contain`);
      continue;
    }
    try {
      if (open(keyring, row.check_value, context(row.kid)) === CHECK_TEXT) continue;
    } catch {}
    problems.push(
      `key id '${row.kid}' in MIYU_ENCRYPTION_KEYS is not the key ${service}'s data was encrypted with under that id`,
    );
  }
  if (problems.length > 0) throw new ConfigError(service, problems);
  const { kid } = keyring.current;
  if (!rows.some((row) => row.kid === kid))
    await connection.execute(`insert into ${table} (kid, check_value) values (?, ?) on conflict (kid) do nothing`, [
      kid,
      seal(keyring, CHECK_TEXT, context(kid)),
    ]);
}

/** After a complete rotation: the database no longer needs the other keys (they may be removed). */
export async function forgetRetiredKeys(em: EntityManager, keyring: Keyring): Promise<string[]> {
  const table = qualified(em, TABLE);
  const rows: Array<{ kid: string }> = await em
    .getConnection()
    .execute(`delete from ${table} where kid <> ? returning kid`, [keyring.current.kid]);
  return rows.map((row) => row.kid);
}
