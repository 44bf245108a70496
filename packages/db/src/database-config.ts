import { join } from 'node:path';

/** Where a subgraph keeps its data: an embedded PGlite folder or a PostgreSQL schema. */
export type DatabaseTarget =
  | {
      kind: 'pglite';
      /** Folder for the PGlite cluster; undefined = in-memory. */
      dataDir: string | undefined;
      /**
       * Run the engine in this thread instead of a worker thread (see pglite-worker-client.ts).
       * Only for one-shot tools; services keep the event loop free of WASM work.
       */
      inMainThread?: boolean;
    }
  | { kind: 'postgres'; url: string /** schema owned by this subgraph */; schema: string };

/**
 * Embedded mode gives each subgraph its own PGlite cluster under MIYU_DATA_DIR; with
 * DATABASE_URL each subgraph owns a schema named after it, so no subgraph can read another's
 * tables by accident and one PostgreSQL database serves a small deployment.
 */
export function databaseTargetFor(
  subgraph: string,
  options: { databaseUrl?: string | undefined; dataDir?: string | undefined; inMemory?: boolean },
): DatabaseTarget {
  if (options.databaseUrl) return { kind: 'postgres', url: options.databaseUrl, schema: subgraph };
  if (options.inMemory || !options.dataDir) return { kind: 'pglite', dataDir: undefined };
  return { kind: 'pglite', dataDir: join(options.dataDir, subgraph) };
}
