import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import array from 'postgres-array';
import { clusterTemplateFile } from '../../scripts/cluster-template.mjs';
import { pgliteTypeParsers } from './type-parsers.ts';

/** True when the folder holds no cluster yet (PostgreSQL writes PG_VERSION first thing in initdb). */
const isFresh = (dataDir: string | undefined) => dataDir === undefined || !existsSync(join(dataDir, 'PG_VERSION'));

/**
 * Sized for one person's companion, not a server: PostgreSQL's defaults (shared_buffers 128 MB,
 * 100 connections) made the WASM heap grow to about 190 MB and stay there; the table files are
 * in the operating system's page cache anyway. PGlite writes these to postgresql.conf at every
 * start, so an existing cluster gets them too.
 */
export const CLUSTER_SETTINGS = ['shared_buffers = 16MB', 'maintenance_work_mem = 16MB', 'max_connections = 10'];

function create(dataDir: string | undefined, template: Blob | undefined) {
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    postgresqlconf: CLUSTER_SETTINGS.join('\n'),
    ...(template ? { loadDataDir: template } : {}),
    // the type parsers MikroORM installs on the PGlite it creates itself
    parsers: pgliteTypeParsers((text: string) => array.parse(text)),
    extensions: { vector },
  });
}

/**
 * Opens the cluster in `dataDir` (undefined = in memory). A new one starts from the template that
 * `npm install` prepared (scripts/prepare-cluster-template.mjs): the same files `initdb` would
 * write, unpacked in about a second instead of initialised in several. Without a template, or
 * if it cannot be loaded, the cluster is initialised as PGlite always does.
 */
export async function openCluster(dataDir: string | undefined): Promise<PGlite> {
  const file = isFresh(dataDir) ? clusterTemplateFile() : undefined;
  if (!file || !existsSync(file)) return create(dataDir, undefined);
  const before = dataDir && existsSync(dataDir) ? new Set(readdirSync(dataDir)) : new Set<string>();
  try {
    return await create(dataDir, new Blob([readFileSync(file)]));
  } catch {
    // a damaged template: drop what it unpacked (nothing that was there before) and run initdb
    if (dataDir)
      for (const name of readdirSync(dataDir))
        if (!before.has(name)) rmSync(join(dataDir, name), { recursive: true, force: true });
    rmSync(file, { force: true });
    return create(dataDir, undefined);
  }
}
