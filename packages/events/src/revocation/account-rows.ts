import type { EntityManager, EntityName } from '@mikro-orm/core';

/** A table holding a person's rows, and the column naming them (deleted in the order listed). */
export interface AccountTable {
  entity: EntityName;
  /** The column that holds the person's id (default `user_id`). */
  column?: string;
  /** Instead of a column: a constant SQL expression that yields the id (rows older than a user_id column). */
  expression?: string;
}

/** The quoted, schema-qualified table of an entity (each subgraph has its own schema on PostgreSQL). */
function tableOf(em: EntityManager, entity: EntityName): string {
  const meta = em.getMetadata().get(entity);
  const platform = em.getPlatform();
  const schema = meta.schema && meta.schema !== '*' ? meta.schema : em.config.get('schema');
  const quoted = platform.quoteIdentifier(meta.tableName);
  return schema && schema !== platform.getDefaultSchemaName() ? `${platform.quoteIdentifier(schema)}.${quoted}` : quoted;
}

/** Deletes every row of one person from these tables in the caller's transaction; returns how many went. */
export async function deleteAccountRows(tx: EntityManager, tables: readonly AccountTable[], userId: string): Promise<number> {
  let deleted = 0;
  for (const table of tables) {
    const column = table.expression ?? tx.getPlatform().quoteIdentifier(table.column ?? 'user_id');
    // `returning` counts on every driver (PGlite's run result has no affected-row count)
    const rows = (await tx
      .getConnection()
      .execute(
        `delete from ${tableOf(tx, table.entity)} where ${column} = ? returning 1 as gone`,
        [userId],
        'all',
        tx.getTransactionContext(),
      )) as unknown[];
    deleted += rows.length;
  }
  return deleted;
}
