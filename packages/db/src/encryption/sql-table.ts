import type { EntityManager } from '@mikro-orm/core';

/** A quoted table name in the subgraph's own schema (PostgreSQL mode names it in every query). */
export function qualified(em: EntityManager, table: string): string {
  const platform = em.getPlatform();
  const schema = em.config.get('schema');
  const quoted = platform.quoteIdentifier(table);
  return schema && schema !== platform.getDefaultSchemaName() ? `${platform.quoteIdentifier(schema)}.${quoted}` : quoted;
}

export const quote = (em: EntityManager, name: string) => em.getPlatform().quoteIdentifier(name);
