/**
 * `npm run start:distributed [-- --replicas N]`: every subgraph and the router as separate
 * processes against real PostgreSQL and Redis — the distributed topology on one machine.
 * Subgraphs start first (replicas together: the migration lock lets one migrate while the others
 * wait), then the routers once every subgraph answers /readyz. A child that crashes later is
 * restarted with backoff. Configured platform workers (Telegram when TELEGRAM_BOT_TOKEN is set, X
 * when X_API_KEY and X_ACCESS_TOKEN are) start last, each its own process. Ctrl-C stops workers,
 * then routers, then subgraphs.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { loadOrCreateKeyFile } from '@miyu/db/encryption/key-file';
import { DEFAULT_DATA_DIR } from '@miyu/graphql/subgraph-env';
import { parseLauncherArgs, USAGE } from './args.ts';
import { ensureDatabase, redactUrl } from './database.ts';
import { inheritedEnv, type LauncherEnv, loadLauncherEnv } from './env.ts';
import { assertPortsFree } from './ports.ts';
import { pingRedis } from './redis-ping.ts';
import { createRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.ts';
import { createSupervisor, type Supervisor } from './supervisor.ts';
import { planTopology, planWorkers, replicaName, type SubgraphPlan, type Topology, type WorkerPlan } from './topology.ts';
import { waitReady } from './wait-ready.ts';
import { withWorkerCredentials } from './worker-credentials.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOCAL = '127.0.0.1';
const log = (message: string) => console.log(`[launcher] ${message}`);

const proxies: RoundRobinProxy[] = [];
let supervisor: Supervisor | undefined;
let exiting: Promise<void> | undefined;

function shutdown(code: number): Promise<void> {
  exiting ??= (async () => {
    await supervisor?.stop();
    await Promise.all(proxies.map((proxy) => proxy.close()));
    log(code === 0 ? 'all services stopped' : 'stopped everything after a failure');
    process.exit(code);
  })();
  return exiting;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!exiting) log(`${signal}: stopping workers, routers, then subgraphs`);
    void shutdown(0);
  });
}

async function startSubgraph(plan: SubgraphPlan, baseEnv: Record<string, string>, env: LauncherEnv, replicas: number) {
  const startReplica = async (index: number) => {
    const port = plan.replicaPorts[index] as number;
    const child = (supervisor as Supervisor).start({
      name: replicaName(plan.name, index, replicas),
      script: `subgraphs/${plan.name}/src/main.ts`,
      role: 'subgraph',
      env: { ...baseEnv, PORT: String(port), HOST: LOCAL },
    });
    await waitReady(child, `http://${LOCAL}:${port}`, env.READY_TIMEOUT_MS);
  };
  // The first replica alone, then the others together: on a fresh database two identity replicas
  // starting at once would each create a signing key and sign with it while serving only their
  // own in JWKS, so half of all sign-ins failed at the router (found by `npm run faults`).
  // Migrations are serialised anyway (packages/db/src/migration-lock.ts).
  await startReplica(0);
  await Promise.all(plan.replicaPorts.slice(1).map((_, index) => startReplica(index + 1)));
  if (!plan.proxied) return;
  const proxy = createRoundRobinProxy({ upstreams: plan.replicaPorts.map((port) => `http://${LOCAL}:${port}`) });
  proxies.push(proxy);
  await proxy.listen(plan.port, LOCAL);
  log(`${plan.name}: proxy on :${plan.port} → replicas on ${plan.replicaPorts.map((port) => `:${port}`).join(', ')}`);
}

async function startRouters(topology: Topology, baseEnv: Record<string, string>, env: LauncherEnv) {
  const subgraphUrls = Object.fromEntries(
    topology.subgraphs.map((plan) => [`${plan.name.toUpperCase()}_URL`, `http://${LOCAL}:${plan.port}/graphql`]),
  );
  await Promise.all(
    topology.routerPorts.map(async (port, index) => {
      const child = (supervisor as Supervisor).start({
        name: replicaName('router', index, topology.routerPorts.length),
        script: 'router/src/main.ts',
        role: 'router',
        env: { ...baseEnv, ...subgraphUrls, PORT: String(port), HOST: env.HOST },
      });
      await waitReady(child, `http://${LOCAL}:${port}`, env.READY_TIMEOUT_MS);
    }),
  );
  if (!topology.routerProxyPort) return;
  const proxy = createRoundRobinProxy({ upstreams: topology.routerPorts.map((port) => `http://${LOCAL}:${port}`) });
  proxies.push(proxy);
  await proxy.listen(topology.routerProxyPort, LOCAL);
  log(`routers: proxy for the reply pipeline on :${topology.routerProxyPort}`);
}

async function startWorkers(workers: WorkerPlan[], baseEnv: Record<string, string>, env: LauncherEnv) {
  await Promise.all(
    workers.map(async (worker) => {
      const child = (supervisor as Supervisor).start({
        name: worker.name,
        script: worker.script,
        role: 'worker',
        env: { ...baseEnv, [worker.portVariable]: String(worker.port), [worker.hostVariable]: LOCAL },
      });
      await waitReady(child, `http://${LOCAL}:${worker.port}`, env.READY_TIMEOUT_MS);
      log(`  ${worker.name.padEnd(13)} worker process; health and metrics on http://${LOCAL}:${worker.port}`);
    }),
  );
}

async function main(): Promise<void> {
  const args = parseLauncherArgs(process.argv.slice(2));
  if (args.help) return void console.log(USAGE);
  const env = loadLauncherEnv();
  const topology = planTopology(args.replicas, args.basePort);
  const workers = planWorkers(inheritedEnv(), args.basePort);
  const started = performance.now();
  await assertPortsFree([
    ...topology.routerPorts.map((port) => ({ port, host: env.HOST })),
    ...(topology.routerProxyPort ? [{ port: topology.routerProxyPort, host: LOCAL }] : []),
    ...topology.subgraphs.flatMap((plan) =>
      [...new Set([plan.port, ...plan.replicaPorts])].map((port) => ({ port, host: LOCAL })),
    ),
    ...workers.map((worker) => ({ port: worker.port, host: LOCAL })),
  ]);
  await pingRedis(env.REDIS_URL);
  log(`Redis ${redactUrl(env.REDIS_URL)} answers PING`);
  log(`PostgreSQL database ${redactUrl(env.DATABASE_URL)}: ${await ensureDatabase(env.DATABASE_URL)}`);
  const generated = (['INTERNAL_TOKEN_SECRET', 'PIPELINE_SERVICE_SECRET'] as const).filter((name) => !env[name]);
  if (generated.length > 0) log(`${generated.join(' and ')} not set: generated for this run`);
  // each worker's credential, in the routers' and the worker's SERVICE_CREDENTIALS alike
  const credentials = withWorkerCredentials(
    inheritedEnv().SERVICE_CREDENTIALS ?? '',
    workers.map((worker) => worker.name),
  );
  if (credentials.generated.length > 0) log(`service credential generated for this run: ${credentials.generated.join(', ')}`);
  // one key list for every service and replica; the database outlives a run, so the key must too
  const keyFile = env.MIYU_ENCRYPTION_KEYS ? undefined : loadOrCreateKeyFile(env.MIYU_DATA_DIR ?? DEFAULT_DATA_DIR);
  if (keyFile)
    log(`MIYU_ENCRYPTION_KEYS not set: the key file ${keyFile.path}${keyFile.created ? ' (created now, mode 0600)' : ''}`);
  const baseEnv = {
    ...inheritedEnv(),
    MIYU_ENCRYPTION_KEYS: env.MIYU_ENCRYPTION_KEYS ?? keyFile?.spec ?? '',
    SERVICE_CREDENTIALS: credentials.credentials,
    DATABASE_URL: env.DATABASE_URL,
    REDIS_URL: env.REDIS_URL,
    INTERNAL_TOKEN_SECRET: env.INTERNAL_TOKEN_SECRET ?? randomBytes(32).toString('base64url'),
    // Router and conversation share it: the reply pipeline calls a router for a user.
    PIPELINE_SERVICE_SECRET: env.PIPELINE_SERVICE_SECRET ?? randomBytes(32).toString('base64url'),
    // through the routers' proxy when there are several (as Helm uses the router's Service)
    ROUTER_URL: `http://${LOCAL}:${topology.routerProxyPort ?? topology.routerPorts[0]}/graphql`,
  };
  supervisor = createSupervisor({
    cwd: ROOT,
    labelWidth: args.replicas === 1 ? 'conversation'.length : 'conversation-9'.length,
    onRestart: (name, how, delayMs) =>
      console.error(`[launcher] ${name} exited unexpectedly (${how}): restarting in ${delayMs} ms`),
    onUnexpectedExit: (name, how) => {
      console.error(`[launcher] ${name} keeps crashing (last: ${how}): stopping everything`);
      void shutdown(1);
    },
  });
  await Promise.all(topology.subgraphs.map((plan) => startSubgraph(plan, baseEnv, env, args.replicas)));
  await startRouters(topology, baseEnv, env);
  await startWorkers(workers, baseEnv, env);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`MIYU is ready in ${seconds}s (distributed: ${args.replicas} process(es) per service)`);
  for (const port of topology.routerPorts)
    log(`  GraphQL API   http://${env.HOST === '0.0.0.0' ? LOCAL : env.HOST}:${port}/graphql`);
  log('  Ctrl-C stops everything');
}

try {
  await main();
} catch (error) {
  if (!exiting) console.error(`[launcher] ${(error as Error).message}`);
  await shutdown(1);
}
