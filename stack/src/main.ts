import { databaseTargetFor, legacyPgliteFolder } from '@miyu/db/database-config';
import { resolveKeyring } from '@miyu/db/encryption/keyring-config';
import { holdSharedPglite } from '@miyu/db/pglite-worker/shared-pglite';
import { runService } from '@miyu/graphql/main-helper';
import { loadEmbeddedEnv } from './env.ts';

const SLOW_START_REPORT_MS = 60_000;
const SUBGRAPHS = ['identity', 'personality', 'memory', 'quest', 'conversation'];

await runService('miyu', async () => {
  const started = performance.now();
  const env = loadEmbeddedEnv();
  // one process, one key list: the variable, else the data folder's key file (made on first start)
  const { keyring, keyFile } = resolveKeyring({
    configured: env.MIYU_ENCRYPTION_KEYS || undefined,
    dataDir: env.MIYU_DATA_DIR,
    allowKeyFile: true,
    service: 'miyu (embedded)',
  });
  if (keyFile?.created)
    console.log(
      `Created the encryption key file ${keyFile.path} (mode 0600). Back it up apart from the data: without it the stored messages and memories cannot be read.`,
    );
  const workers = env.platformWorkers;
  // A first start (initdb, migrations) takes 10-20 s; a start that takes minutes says where it is.
  const progress: string[] = [];
  const slowStart = setInterval(() => {
    const seconds = Math.round((performance.now() - started) / 1000);
    console.warn(`MIYU is still starting after ${seconds}s; finished so far: ${progress.join(', ') || 'nothing'}`);
  }, SLOW_START_REPORT_MS);
  slowStart.unref();
  const legacy = env.DATABASE_URL ? [] : SUBGRAPHS.filter((name) => legacyPgliteFolder(env.MIYU_DATA_DIR, name));
  if (legacy.length > 0)
    console.warn(
      `MIYU_DATA_DIR holds databases of the older layout (one PGlite per subgraph: ${legacy.join(', ')}); they are used as they are, nothing is moved. A new data folder uses one shared PGlite and far less memory.`,
    );
  const databaseFor = (name: string) => databaseTargetFor(name, { databaseUrl: env.DATABASE_URL, dataDir: env.MIYU_DATA_DIR });
  // the shared cluster opens in its worker thread while this one loads the stack's code
  const shared = databaseFor(SUBGRAPHS[0]!);
  const releaseCluster =
    shared.kind === 'pglite' && shared.schema && shared.dataDir ? holdSharedPglite(shared.dataDir) : async () => {};
  const { startStack } = await import('./start-stack.ts');
  const stack = await startStack({
    subgraphs: {
      userTokenTtlSeconds: env.USER_TOKEN_TTL_SECONDS,
      moodHalfLifeMs: env.MOOD_HALF_LIFE_HOURS * 3_600_000,
      llm: env.llm,
      replyContext: env.replyContext,
    },
    redisUrl: env.REDIS_URL,
    databaseFor,
    keyring,
    supergraph: { path: env.SUPERGRAPH_PATH },
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    graphiql: env.router.graphiql,
    router: env.router,
    serviceCredentials: workers.credentials,
    onProgress: (step) => progress.push(step),
  }).finally(() => {
    clearInterval(slowStart);
    // the subgraphs hold the cluster now (or failed to start, and then nothing does)
    return releaseCluster();
  });
  const platform = await workers.start(stack.url).catch(async (error: unknown) => {
    await stack.close();
    throw error;
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const llm = env.llm.openai.apiKey
    ? `OpenAI-compatible (${env.llm.openai.model}) with the offline fallback`
    : 'offline provider (set OPENAI_API_KEY for a real model)';
  console.log(`\nMIYU is ready in ${seconds}s (embedded mode, data in ${env.DATABASE_URL ? 'PostgreSQL' : env.MIYU_DATA_DIR})`);
  console.log(`  LLM           ${llm}`);
  console.log(`  GraphQL API   ${stack.url}`);
  console.log(`  GraphiQL      ${stack.url}  (open in a browser)`);
  console.log(`  Health        ${stack.url.replace('/graphql', '/readyz')}`);
  console.log(`  Encryption    ${keyFile ? `key file ${keyFile.path}` : 'MIYU_ENCRYPTION_KEYS'} (key id ${keyring.current.kid})`);
  for (const line of platform.lines) console.log(`  ${line}`);
  for (const [name, subgraph] of Object.entries(stack.subgraphs)) console.log(`  ${name.padEnd(13)} ${subgraph.url} (internal)`);
  return {
    // the workers first: they stop taking updates while the router can still finish their replies
    async close() {
      await platform.stop();
      await stack.close();
    },
  };
});
