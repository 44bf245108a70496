// @miyu/db's postinstall: runs `initdb` once into an in-memory PGlite and keeps the result as a
// tar file (cluster-template.mjs), so a fresh data folder opens in about a second instead of
// several. Idempotent (an existing template for these engine versions is kept) and written
// atomically; a failure only warns, since the worker falls back to initdb.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { clusterTemplateFile } from './cluster-template.mjs';

const file = clusterTemplateFile();
if (!existsSync(file)) {
  try {
    const started = performance.now();
    const { PGlite } = await import('@electric-sql/pglite');
    const { vector } = await import('@electric-sql/pglite-pgvector');
    const db = await PGlite.create({ extensions: { vector } });
    const dump = await db.dumpDataDir('gzip');
    await db.close();
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    console.log(`@miyu/db: prepared the embedded database template in ${Math.round(performance.now() - started)} ms (${file})`);
  } catch (error) {
    console.warn(
      `@miyu/db: could not prepare the embedded database template (first starts will run initdb): ${error?.message ?? error}`,
    );
  }
}
