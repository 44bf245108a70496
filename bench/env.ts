/** The only place the benchmarks read the environment: sizes, so a quick run is possible. */
function list(raw: string | undefined, fallback: number[]): number[] {
  if (!raw) return fallback;
  const values = raw.split(',').map((value) => Number(value.trim()));
  if (values.some((value) => !Number.isInteger(value) || value <= 0)) throw new Error(`bad number list: ${raw}`);
  return values;
}

function count(raw: string | undefined, fallback: number): number {
  if (!raw) return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 0) throw new Error(`bad count: ${raw}`);
  return value;
}

function parseTopology(raw: string | undefined): 'embedded' | 'distributed' {
  if (!raw || raw === 'embedded') return 'embedded';
  if (raw === 'distributed') return 'distributed';
  throw new Error(`BENCH_TOPOLOGY must be embedded or distributed, got ${raw}`);
}

export function benchEnv(source: Record<string, string | undefined> = process.env) {
  return {
    /** Concurrent conversations per latency level. */
    latencyLevels: list(source.BENCH_LATENCY_LEVELS, [1, 20, 100]),
    /** Subscription counts of the fan-out phases (each in a fresh router process). */
    fanoutSizes: list(source.BENCH_FANOUT_SIZES, [1_000, 5_000]),
    logLevel: source.BENCH_LOG_LEVEL ?? 'error',
    /** PostgreSQL for the subgraphs (a fresh schema each); unset = in-memory PGlite (embedded mode). */
    databaseUrl: source.BENCH_DATABASE_URL || undefined,
    /** Steady load after the bursts: conversations, seconds, mean think time between a reply and the next message (ms); 0 conversations skips it. */
    steady: {
      conversations: count(source.BENCH_STEADY_CONVERSATIONS, 20),
      seconds: count(source.BENCH_STEADY_SECONDS, 30),
      meanThinkMs: count(source.BENCH_STEADY_THINK_MS, 2_000),
    },
    /** `embedded` (one process, as `npm start`) or `distributed` (separate processes, as `npm run start:distributed`). */
    topology: parseTopology(source.BENCH_TOPOLOGY),
    /** Redis of the distributed topology; its database is flushed before the run. */
    redisUrl: source.BENCH_REDIS_URL || 'redis://127.0.0.1:6379/9',
  };
}
