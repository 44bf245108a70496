import { randomBytes } from 'node:crypto';
import type { DatabaseTarget } from '@miyu/db/database-config';
import { testEnv } from './env.ts';

/**
 * A fresh, empty database per call: an in-memory PGlite, or with DATABASE_URL a new schema
 * (the subgraph name plus a random suffix) in the real PostgreSQL, so test files never share rows.
 */
export function freshDatabaseTarget(subgraph: string): DatabaseTarget {
  const { DATABASE_URL } = testEnv();
  if (!DATABASE_URL) return { kind: 'pglite', dataDir: undefined };
  return { kind: 'postgres', url: DATABASE_URL, schema: `t_${subgraph}_${randomBytes(4).toString('hex')}` };
}

export function databaseModeLabel(): string {
  return testEnv().DATABASE_URL ? 'postgresql' : 'pglite';
}
