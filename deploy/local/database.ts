import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }>;
  end(): Promise<void>;
}
type PgModule = { Client: new (options: { connectionString: string; connectionTimeoutMillis: number }) => PgClient };

/** The URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.href;
}

/**
 * Creates the database DATABASE_URL names when it does not exist, by connecting to the
 * `postgres` maintenance database of the same server. Subgraphs create their own schemas.
 */
export async function ensureDatabase(url: string): Promise<'created' | 'exists'> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`DATABASE_URL ${redactUrl(url)} names no database`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const create = `create database "${name.replaceAll('"', '""')}"`;
  try {
    const pg = await loadPg();
    if (pg) {
      const client = new pg.Client({ connectionString: admin.href, connectionTimeoutMillis: 5_000 });
      await client.connect();
      try {
        const found = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (found.rowCount) return 'exists';
        await client.query(create);
        return 'created';
      } finally {
        await client.end();
      }
    }
    const psql = (sql: string) => promisify(execFile)('psql', [admin.href, '-tAc', sql], { timeout: 10_000 });
    const found = await psql(`select 1 from pg_database where datname = '${name.replaceAll("'", "''")}'`);
    if (found.stdout.trim() === '1') return 'exists';
    await psql(create);
    return 'created';
  } catch (error) {
    if ((error as { code?: string }).code === '42P04') return 'exists'; // created concurrently
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
    throw new Error(`PostgreSQL at ${redactUrl(admin.href)} is not usable (${reason}). Start it or set DATABASE_URL.`);
  }
}

/** `pg` comes with @mikro-orm/postgresql; without it the psql client does the job. */
async function loadPg(): Promise<PgModule | undefined> {
  const specifier = 'pg'; // a variable: pg ships no type declarations
  try {
    const module = (await import(specifier)) as { default?: PgModule } & Partial<PgModule>;
    return module.default ?? (module as PgModule);
  } catch {
    return undefined;
  }
}
