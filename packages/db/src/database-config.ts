import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The folder under MIYU_DATA_DIR of the one PGlite cluster all subgraphs share. */
export const SHARED_CLUSTER_FOLDER = 'cluster';

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
      /**
       * Share the cluster at `dataDir` with the other subgraphs of this process, this one seeing
       * only its own schema (as on PostgreSQL). Unset: the cluster is this subgraph's alone
       * (the layout before 2026-12, one folder per subgraph).
       */
      schema?: string;
    }
  | { kind: 'postgres'; url: string /** schema owned by this subgraph */; schema: string };

/**
 * Embedded mode gives each subgraph a schema in one PGlite cluster under MIYU_DATA_DIR
 * (`cluster/`); a data folder of the older layout (one cluster per subgraph, `<dataDir>/<name>/`)
 * keeps being used as it is, so an upgrade loses nothing (see `legacyPgliteFolder`). With
 * DATABASE_URL each subgraph owns a schema named after it, so no subgraph can read another's
 * tables by accident and one PostgreSQL database serves a small deployment.
 */
export function databaseTargetFor(
  subgraph: string,
  options: { databaseUrl?: string | undefined; dataDir?: string | undefined; inMemory?: boolean },
): DatabaseTarget {
  if (options.databaseUrl) return { kind: 'postgres', url: options.databaseUrl, schema: subgraph };
  if (options.inMemory || !options.dataDir) return { kind: 'pglite', dataDir: undefined };
  const legacy = legacyPgliteFolder(options.dataDir, subgraph);
  if (legacy) return { kind: 'pglite', dataDir: legacy };
  return { kind: 'pglite', dataDir: join(options.dataDir, SHARED_CLUSTER_FOLDER), schema: subgraph };
}

/** The subgraph's own cluster of the older layout, when the data folder holds one. */
export function legacyPgliteFolder(dataDir: string, subgraph: string): string | undefined {
  const folder = join(dataDir, subgraph);
  return existsSync(join(folder, 'PG_VERSION')) ? folder : undefined;
}
