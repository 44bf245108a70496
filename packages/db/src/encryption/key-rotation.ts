import type { EntityManager } from '@mikro-orm/core';
import type { EncryptedEntity, EncryptedField } from './encrypted-fields.ts';
import { openValue, sealValue } from './encrypted-fields.ts';
import { forgetRetiredKeys } from './key-check.ts';
import type { Keyring } from './keyring.ts';
import { qualified, quote } from './sql-table.ts';

/** What one table's pass did. */
export interface TableRotation {
  table: string;
  /** Rows that were plaintext or sealed with another key when the pass began. */
  found: number;
  rewritten: number;
  /** Rows changed by the application meanwhile (already written with the current key): left as they are. */
  raced: number;
  /** Rows no configured key opens: left as they are, and the retired keys are kept. */
  unreadable: number;
  /** Rows still plaintext or under another key when the pass ended. */
  remaining: number;
}

export interface RotationOptions {
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: TableRotation) => void;
}

type Row = Record<string, unknown>;

/**
 * Seals every row of one table with the current key: plaintext written before encryption and
 * values of older keys alike. Rows are found by the key id at the start of each value, so the
 * pass needs no saved progress: stopped anywhere, the next pass finds exactly what is left. Each
 * row is rewritten only if it still holds what was read (compare and set), so a reply stored
 * while the pass runs is never overwritten with older text.
 */
export async function rotateTable(
  em: EntityManager,
  keyring: Keyring,
  spec: EncryptedEntity,
  options: RotationOptions = {},
): Promise<TableRotation> {
  const connection = em.getConnection();
  const prefix = `v1:${keyring.current.kid}:`;
  const table = qualified(em, spec.table);
  const id = quote(em, spec.idColumn);
  const textOf = (field: EncryptedField) => (field.json ? `(${quote(em, field.column)} #>> '{}')` : quote(em, field.column));
  const stale = spec.fields.map((field) => `(${textOf(field)} is not null and left(${textOf(field)}, ?) <> ?)`).join(' or ');
  const staleParams = spec.fields.flatMap(() => [prefix.length, prefix]);
  const select = [
    id,
    quote(em, spec.owner.column),
    ...spec.fields.map((f) => `${quote(em, f.column)}${f.json ? '::text' : ''} as ${quote(em, f.column)}`),
  ];
  const countStale = async () => {
    const rows: Array<{ count: number }> = await connection.execute(
      `select count(*)::int as count from ${table} where ${stale}`,
      staleParams,
    );
    return Number(rows[0]?.count ?? 0);
  };
  const found = await countStale();
  const result: TableRotation = { table: spec.table, found, rewritten: 0, raced: 0, unreadable: 0, remaining: found };
  options.onProgress?.({ ...result });
  let cursor: string | null = null;
  while (!options.signal?.aborted) {
    const rows: Row[] = await connection.execute(
      `select ${select.join(', ')} from ${table} where (${stale})${cursor === null ? '' : ` and ${id}::text > ?`} order by ${id}::text limit ?`,
      [...staleParams, ...(cursor === null ? [] : [cursor]), options.batchSize ?? 200],
    );
    if (rows.length === 0) break;
    for (const row of rows) await rotateRow(em, keyring, spec, table, row, result);
    cursor = String(rows.at(-1)?.[spec.idColumn]);
    result.remaining = Math.max(0, found - result.rewritten - result.raced - result.unreadable);
    options.onProgress?.({ ...result });
  }
  result.remaining = await countStale();
  return result;
}

async function rotateRow(
  em: EntityManager,
  keyring: Keyring,
  spec: EncryptedEntity,
  table: string,
  row: Row,
  result: TableRotation,
) {
  const userId = String(row[spec.owner.column] ?? '');
  if (!userId) return; // nobody's row: nothing to bind it to, it stays as written
  const sets: string[] = [];
  const checks: string[] = [];
  const setParams: unknown[] = [];
  const checkParams: unknown[] = [];
  try {
    for (const field of spec.fields) {
      const raw = row[field.column];
      const column = quote(em, field.column);
      if (raw === null || raw === undefined) {
        checks.push(`${column} is null`);
        continue;
      }
      const stored = field.json ? JSON.parse(String(raw)) : raw;
      const plain = openValue(keyring, spec, field, userId, stored);
      const sealed = sealValue(keyring, spec, field, userId, plain);
      sets.push(field.json ? `${column} = ?::jsonb` : `${column} = ?`);
      setParams.push(field.json ? JSON.stringify(sealed) : sealed);
      checks.push(field.json ? `${column} = ?::jsonb` : `${column} = ?`);
      checkParams.push(raw);
    }
  } catch {
    result.unreadable++;
    return;
  }
  if (spec.rotationSet) sets.push(spec.rotationSet);
  const updated: unknown[] = await em
    .getConnection()
    .execute(
      `update ${table} set ${sets.join(', ')} where ${quote(em, spec.idColumn)} = ? and ${checks.join(' and ')} returning 1`,
      [...setParams, row[spec.idColumn], ...checkParams],
    );
  if (updated.length > 0) result.rewritten++;
  else result.raced++;
}

/**
 * One pass over every encrypted table; when nothing is left under another key, the database
 * forgets the retired keys (they may then leave MIYU_ENCRYPTION_KEYS).
 */
export async function rotateKeys(
  em: EntityManager,
  keyring: Keyring,
  specs: readonly EncryptedEntity[],
  options: RotationOptions = {},
) {
  const tables: TableRotation[] = [];
  for (const spec of specs) tables.push(await rotateTable(em, keyring, spec, options));
  const complete = !options.signal?.aborted && tables.every((t) => t.remaining === 0);
  const retired = complete ? await forgetRetiredKeys(em, keyring) : [];
  return { tables, complete, retired };
}
