// The initialised-but-empty PGlite cluster that new data folders (and in-memory test databases)
// start from, so `initdb` runs once at `npm install` instead of on every first start. Plain JS on
// purpose: it runs as @miyu/db's postinstall under whatever Node npm runs
// (prepare-cluster-template.mjs), and pglite-worker.ts takes the file name from here.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The folder of an installed package (its package.json is not in its exports, so walk up from its entry). */
function packageFolder(name) {
  let folder = dirname(createRequire(import.meta.url).resolve(name));
  while (
    !existsSync(join(folder, 'package.json')) ||
    JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).name !== name
  ) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`cannot find the folder of ${name}`);
    folder = parent;
  }
  return folder;
}

const versionIn = (folder) => JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).version;

/** Where the template lives: node_modules/.cache/miyu, named by the engine versions it was made with. */
export function clusterTemplateFile() {
  const pglite = packageFolder('@electric-sql/pglite');
  const vector = packageFolder('@electric-sql/pglite-pgvector');
  const nodeModules = dirname(dirname(pglite));
  return join(nodeModules, '.cache', 'miyu', `pglite-${versionIn(pglite)}-pgvector-${versionIn(vector)}.tar.gz`);
}
