import { mkdirSync } from 'node:fs';
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { DatabaseTarget } from './database-config.ts';
import { withMigrationLock } from './migration-lock.ts';
import type { QueryCounter } from './query-counter.ts';

export interface OrmOptions {
  target: DatabaseTarget;
  entities: EntitySchema[];
  migrations: MigrationObject[];
  /** Counts every SQL statement; tests use it to prove list fields are free of N+1. */
  queryCounter?: QueryCounter;
  /** Apply pending migrations on start (embedded default; a deploy may run them as a job). */
  migrate?: boolean;
}

export type Orm = Awaited<ReturnType<typeof createOrm>>;

export async function createOrm(options: OrmOptions) {
  const common = {
    entities: options.entities,
    extensions: [Migrator],
    migrations: { migrationsList: options.migrations, transactional: true, allOrNothing: true, snapshot: false },
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    debug: options.queryCounter ? ['query' as const] : false,
    logger: options.queryCounter ? (message: string) => options.queryCounter?.record(message) : () => {},
  };
  const migrate = options.migrate !== false;
  if (options.target.kind === 'postgres') {
    const { schema } = options.target;
    const orm = await initPostgres(options.target, common);
    const connection = orm.em.getConnection();
    // replicas starting together take turns: see migration-lock.ts
    await withMigrationLock(connection.getClient(), schema, async () => {
      await connection.execute(`create schema if not exists "${schema}"`);
      if (migrate) await orm.migrator.up();
    }).catch(async (error: unknown) => {
      await orm.close(true);
      throw error;
    });
    return orm;
  }
  const orm = await initPglite(options.target, common);
  if (migrate)
    await orm.migrator.up().catch(async (error: unknown) => {
      await orm.close(true);
      throw error;
    });
  return orm;
}

async function initPglite(target: Extract<DatabaseTarget, { kind: 'pglite' }>, common: object) {
  const { MikroORM } = await import('@mikro-orm/pglite');
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  if (!target.inMainThread) {
    const { startPgliteWorker } = await import('./pglite-worker/pglite-worker-client.ts');
    const { openSharedPglite } = await import('./pglite-worker/shared-pglite.ts');
    const { schema } = target;
    const pglite =
      schema && target.dataDir
        ? await openSharedPglite(target.dataDir, schema)
        : await startPgliteWorker({ dataDir: target.dataDir });
    // one schema per subgraph in a shared cluster, named in every query as on PostgreSQL
    const schemaOptions = schema ? { schema, migrations: { ...(common as { migrations: object }).migrations, schema } } : {};
    // the worker creates the schema, owned by the subgraph's role, before the view's first statement (schema-role.ts)
    const orm = await MikroORM.init({ ...common, ...schemaOptions, driverOptions: { pglite } }).catch(async (error: unknown) => {
      await pglite.close();
      throw error;
    });
    // A PGlite handed in is the caller's to close: after the ORM, so pending work drains first.
    const closeOrm = orm.close.bind(orm);
    orm.close = async (force?: boolean) => {
      try {
        await closeOrm(force);
      } finally {
        await pglite.close();
      }
    };
    return orm;
  }
  const { vector } = await import('@electric-sql/pglite-pgvector');
  return MikroORM.init({
    ...common,
    ...(target.dataDir ? { dbName: target.dataDir } : {}),
    driverOptions: { extensions: { vector } },
  });
}

async function initPostgres(target: Extract<DatabaseTarget, { kind: 'postgres' }>, common: object) {
  const { MikroORM } = await import('@mikro-orm/postgresql');
  return MikroORM.init({
    ...common,
    clientUrl: target.url,
    schema: target.schema,
    migrations: { ...(common as { migrations: object }).migrations, schema: target.schema },
    pool: { min: 0, max: 10 },
  });
}
