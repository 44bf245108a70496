import type { EntityManager, EntityName } from '@mikro-orm/core';

/**
 * The quoted, schema-qualified table name for raw SQL. With PostgreSQL each subgraph lives in
 * its own schema (not on the search_path), so a bare table name would miss it.
 */
export function tableOf(em: EntityManager, entity: EntityName): string {
  const meta = em.getMetadata().get(entity);
  const platform = em.getPlatform();
  const schema = meta.schema && meta.schema !== '*' ? meta.schema : em.config.get('schema');
  const quoted = platform.quoteIdentifier(meta.tableName);
  return schema && schema !== platform.getDefaultSchemaName() ? `${platform.quoteIdentifier(schema)}.${quoted}` : quoted;
}
