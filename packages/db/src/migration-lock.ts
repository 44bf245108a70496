import { sql, type Kysely } from 'kysely';

/**
 * Runs `work` while holding a PostgreSQL advisory lock named after the schema, on a connection
 * reserved for the lock. Replicas of a subgraph that start together on a fresh database would
 * otherwise race to create the schema and run the same migrations: PostgreSQL refuses the second
 * `create schema if not exists` with a unique violation and the loser fails to start. With the lock
 * they take turns; the later ones find nothing left to do. The lock is released with its
 * connection if the process dies.
 */
export async function withMigrationLock<T>(client: Kysely<unknown>, schema: string, work: () => Promise<T>): Promise<T> {
  const key = `miyu:migrations:${schema}`;
  return client.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext(${key}))`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(connection);
    }
  });
}
