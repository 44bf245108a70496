/**
 * One `npm start`-like process for bench/embedded-footprint.ts: the embedded stack on the data
 * folder and layout given in argv (`shared` = one PGlite, one schema per subgraph, as `npm start`
 * now opens a new folder; `per-subgraph` = the older layout, one PGlite per subgraph). Prints one
 * JSON line when ready and closes on SIGTERM.
 */
import { join } from 'node:path';
import { databaseTargetFor } from '@miyu/db/database-config';
import { loadEmbeddedEnv } from '@miyu/embedded/env';
import { startStack } from '@miyu/embedded/start-stack';

const started = performance.now();
const [dataDir, layout] = process.argv.slice(2) as [string, 'shared' | 'per-subgraph'];
const env = loadEmbeddedEnv();
const stack = await startStack({
  subgraphs: { userTokenTtlSeconds: 3600, moodHalfLifeMs: 6 * 3_600_000, llm: env.llm },
  databaseFor: (name) =>
    layout === 'shared' ? databaseTargetFor(name, { dataDir }) : { kind: 'pglite', dataDir: join(dataDir, name) },
  supergraph: { path: env.SUPERGRAPH_PATH },
  port: 0,
  logLevel: 'warn',
  graphiql: false,
  router: env.router,
});
console.log(JSON.stringify({ readyMs: Math.round(performance.now() - started), url: stack.url }));
process.once('SIGTERM', () => {
  stack.close().then(() => process.exit(0));
});
