import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { waitChildReady } from '../lib/wait-child-ready.ts';
import { childBaseEnv } from './env.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Launcher's router on this port (used only to sign users up), the subgraphs on the next five. */
export const BASE_PORT = 24_100;
export const SUBGRAPH_NAMES = ['identity', 'personality', 'memory', 'quest', 'conversation'] as const;

/**
 * The five subgraphs as processes on PostgreSQL (one schema each in a database of the bench's
 * own) and Redis, started by `deploy/local/start-distributed.ts` as `npm run start:distributed`
 * does. Its router only signs the bench's users up; the gateways under test are separate.
 */
export async function startSubgraphStack(options: {
  databaseUrl: string;
  redisUrl: string;
  logLevel: string;
  /** Every process of the stack writes a CPU profile here when it exits. */
  profileDir?: string | undefined;
  /** A checkout whose launcher and services run (an A/B against another commit); default this one. */
  root?: string | undefined;
  /** The launcher's router port; the subgraphs take the next five. */
  basePort?: number | undefined;
}) {
  const root = options.root ?? ROOT;
  const basePort = options.basePort ?? BASE_PORT;
  const redis = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  await redis.flushdb();
  await redis.quit();
  const secrets = {
    INTERNAL_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    PIPELINE_SERVICE_SECRET: randomBytes(32).toString('base64url'),
  };
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'deploy/local/start-distributed.ts'), '--base-port', String(basePort)],
    {
      cwd: root,
      env: {
        ...childBaseEnv(),
        NODE_ENV: 'production',
        LOG_LEVEL: options.logLevel,
        DATABASE_URL: options.databaseUrl,
        REDIS_URL: options.redisUrl,
        OPENAI_API_KEY: 'bench-key',
        OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
        OPENAI_MODEL: 'fake-gpt',
        RATE_LIMIT_BURST: '10000000',
        RATE_LIMIT_PER_SECOND: '10000000',
        ...secrets,
        ...(options.profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${options.profileDir}` } : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await waitChildReady(child, basePort, 'start-distributed', 180_000);
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name, index) => [name, `http://127.0.0.1:${basePort + index + 1}/graphql`]),
  ) as Record<(typeof SUBGRAPH_NAMES)[number], string>;
  // the supergraph with these URLs, for the gateways that read them from it
  let sdl = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
  for (const [name, url] of Object.entries(subgraphUrls))
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+`), `$1${url}`);
  const supergraphPath = join(tmpdir(), `miyu-bench-supergraph-${process.pid}-${basePort}.graphql`);
  writeFileSync(supergraphPath, sdl);
  return {
    ...secrets,
    redisUrl: options.redisUrl,
    root,
    signUpUrl: `http://127.0.0.1:${basePort}/graphql`,
    subgraphUrls,
    supergraphPath,
    jwksUrl: `http://127.0.0.1:${basePort + 1}/.well-known/jwks.json`,
    pids: () => subgraphPids(child.pid as number),
    async close() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Pids of the launcher's children (the subgraph and router processes), from /proc. */
function subgraphPids(parent: number): number[] {
  const children = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim();
  return children ? children.split(/\s+/).map(Number) : [];
}

/** Which service a launcher child runs (`subgraphs/<name>/src/main.ts` or `router/src/main.ts` in its command line). */
export function serviceOfPid(pid: number): string {
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  return (
    /subgraphs\/([a-z]+)\/src\/main\.ts/u.exec(cmdline)?.[1] ?? (cmdline.includes('router/src/main.ts') ? 'router' : 'other')
  );
}

export type SubgraphStack = Awaited<ReturnType<typeof startSubgraphStack>>;
