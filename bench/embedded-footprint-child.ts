/**
 * One `npm start`-like process for bench/embedded-footprint.ts: the embedded stack on the data
 * folder and layout given in argv (`shared` = one PGlite, one schema per subgraph, as `npm start`
 * opens a new folder; `per-subgraph` = the older layout, one PGlite per subgraph). Prints one
 * JSON line when ready; on a `seed <n>` line from stdin stores n messages (in conversations of
 * 100) and n memories through the subgraphs' own database connections and prints one JSON line
 * when done; closes on SIGTERM.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { databaseTargetFor, SHARED_CLUSTER_FOLDER } from '@miyu/db/database-config';
import { resolveKeyring } from '@miyu/db/encryption/keyring-config';
import { holdSharedPglite } from '@miyu/db/pglite-worker/shared-pglite';
import { loadEmbeddedEnv } from '@miyu/stack/env';

const started = performance.now();
const [dataDir, layout] = process.argv.slice(2) as [string, 'shared' | 'per-subgraph'];
const env = loadEmbeddedEnv();
// as stack/src/main.ts: the shared cluster opens while the stack's code loads
const releaseCluster = layout === 'shared' ? holdSharedPglite(join(dataDir, SHARED_CLUSTER_FOLDER)) : async () => {};
const { startStack } = await import('@miyu/stack/start-stack');
const stack = await startStack({
  keyring: resolveKeyring({ configured: undefined, dataDir, allowKeyFile: true, service: 'bench' }).keyring,
  subgraphs: { userTokenTtlSeconds: 3600, moodHalfLifeMs: 6 * 3_600_000, llm: env.llm },
  databaseFor: (name) =>
    layout === 'shared' ? databaseTargetFor(name, { dataDir }) : { kind: 'pglite', dataDir: join(dataDir, name) },
  supergraph: { path: env.SUPERGRAPH_PATH },
  port: 0,
  logLevel: 'warn',
  graphiql: false,
  router: env.router,
});
await releaseCluster();
console.log(JSON.stringify({ readyMs: Math.round(performance.now() - started), url: stack.url }));

/** Rows as the services write them (gen_random_uuid, one user), in batches of 1,000. */
async function seed(count: number) {
  const conversation = stack.subgraphs.conversation!.orm.em.getConnection();
  const memory = stack.subgraphs.memory!.orm.em.getConnection();
  const user = '00000000-0000-4000-8000-000000000001';
  for (let from = 0; from < count; from += 1000) {
    const to = Math.min(count, from + 1000) - 1;
    await conversation.execute(
      `insert into conversations (id, user_id, title, platform, created_at, last_message_at)
       select md5('c' || c)::uuid, '${user}', 'conversation ' || c, 'WEB', now(), now()
       from generate_series(${Math.floor(from / 100)}, ${Math.floor(to / 100)}) c on conflict do nothing`,
    );
    await conversation.execute(
      `insert into messages (id, conversation_id, user_id, role, content, status, created_at)
       select gen_random_uuid(), md5('c' || (i / 100))::uuid, '${user}', case when i % 2 = 0 then 'USER' else 'ASSISTANT' end,
         'message ' || i || ' ' || repeat('about the garden and the weather today ', 8), 'COMPLETE', now()
       from generate_series(${from}, ${to}) i`,
    );
    await memory.execute(
      `insert into memories (id, user_id, kind, content, content_key, importance, created_at, updated_at)
       select gen_random_uuid(), '${user}', 'FACT', 'memory ' || i || ': likes tomatoes from the garden', md5('m' || i), 0.5, now(), now()
       from generate_series(${from}, ${to}) i`,
    );
  }
  // read them back as a person scrolling would
  await conversation.execute(`select content from messages order by created_at desc limit 200`);
  await memory.execute(`select content from memories where user_id = '${user}' order by created_at desc limit 200`);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, count] = line.split(' ');
  if (command !== 'seed') return;
  const at = performance.now();
  seed(Number(count)).then(
    () => console.log(JSON.stringify({ seeded: Number(count), ms: Math.round(performance.now() - at) })),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.once('SIGTERM', () => {
  stack.close().then(() => process.exit(0));
});
