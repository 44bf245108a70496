/** The only place the router-throughput bench reads the environment. */
function positive(raw: string | undefined, fallback: number, name: string): number {
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

export function routerBenchEnv(source: Record<string, string | undefined> = process.env) {
  return {
    /** A database of the bench's own: the subgraphs make one schema each in it. */
    databaseUrl: source.BENCH_ROUTER_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/miyu_bench_router',
    /** Redis of the subgraphs and of MIYU's rate limiter; its database is flushed first. */
    redisUrl: source.BENCH_REDIS_URL || 'redis://127.0.0.1:6379/10',
    /** Rounds of A B C per workload. */
    rounds: positive(source.BENCH_ROUTER_ROUNDS, 3, 'BENCH_ROUTER_ROUNDS'),
    /** Seconds per gateway and round. */
    seconds: positive(source.BENCH_ROUTER_SECONDS, 5, 'BENCH_ROUTER_SECONDS'),
    connections: positive(source.BENCH_ROUTER_CONNECTIONS, 10, 'BENCH_ROUTER_CONNECTIONS'),
    /** People in the round-robin workload. */
    users: positive(source.BENCH_ROUTER_USERS, 200, 'BENCH_ROUTER_USERS'),
    /** When set, MIYU's router runs with `--cpu-prof` into this folder. */
    profileDir: source.BENCH_ROUTER_PROFILE_DIR || undefined,
    /** With a profile folder: the subgraphs (and the launcher) also run with `--cpu-prof`. */
    profileSubgraphs: source.BENCH_ROUTER_PROFILE_SUBGRAPHS === '1',
    logLevel: source.BENCH_LOG_LEVEL || 'error',
  };
}

export type RouterBenchEnv = ReturnType<typeof routerBenchEnv>;

/** What a spawned bench child needs of this process's environment. */
export function childBaseEnv(source: Record<string, string | undefined> = process.env): Record<string, string> {
  return { PATH: source.PATH ?? '' };
}

/** A baseline gateway child's shared secret with the subgraphs (set by gateways.ts). */
export function baselineSecret(source: Record<string, string | undefined> = process.env): string {
  const secret = source.INTERNAL_TOKEN_SECRET;
  if (!secret) throw new Error('INTERNAL_TOKEN_SECRET is not set');
  return secret;
}

/** subgraph-fetch-cost.ts: checkouts to compare (A/B), and the load. */
export function subgraphCostEnv(source: Record<string, string | undefined> = process.env) {
  const here = new URL('../../', import.meta.url).pathname;
  return {
    /** One stack per checkout, alternated round by round; default this checkout alone. */
    roots: (source.BENCH_SGCOST_ROOTS || here).split(',').map((root) => (root.endsWith('/') ? root : `${root}/`)),
    /** Database `<prefix>a`, `<prefix>b`… per checkout (they must exist). */
    databaseUrlPrefix: source.BENCH_SGCOST_DATABASE_URL_PREFIX || 'postgres://postgres@127.0.0.1:5432/miyu_bench_sg_',
    /** Redis db 11, 12… per checkout (flushed first). */
    redisUrlPrefix: source.BENCH_SGCOST_REDIS_URL_PREFIX || 'redis://127.0.0.1:6379/',
    basePort: positive(source.BENCH_SGCOST_BASE_PORT, 7650, 'BENCH_SGCOST_BASE_PORT'),
    rounds: positive(source.BENCH_ROUTER_ROUNDS, 4, 'BENCH_ROUTER_ROUNDS'),
    seconds: positive(source.BENCH_ROUTER_SECONDS, 5, 'BENCH_ROUTER_SECONDS'),
    connections: positive(source.BENCH_ROUTER_CONNECTIONS, 10, 'BENCH_ROUTER_CONNECTIONS'),
    users: positive(source.BENCH_ROUTER_USERS, 200, 'BENCH_ROUTER_USERS'),
    profileDir: source.BENCH_ROUTER_PROFILE_DIR || undefined,
    logLevel: source.BENCH_LOG_LEVEL || 'error',
  };
}

/** subgraph-request-cpu.ts: requests per stage, rounds, and the database. */
export function subgraphRequestCpuEnv(source: Record<string, string | undefined> = process.env, argv = process.argv.slice(2)) {
  const database = source.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  return {
    requests: positive(argv[0], 400, 'requests'),
    rounds: positive(source.BENCH_ROUTER_ROUNDS, 4, 'BENCH_ROUTER_ROUNDS'),
    /** `pglite`: in-memory PGlite (the embedded mode's engine), else a PostgreSQL URL. */
    databaseUrl: database === 'pglite' ? undefined : database,
  };
}
