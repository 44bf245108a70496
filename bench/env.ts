/** The only place the benchmarks read the environment: sizes, so a quick run is possible. */
function list(raw: string | undefined, fallback: number[]): number[] {
  if (!raw) return fallback;
  const values = raw.split(',').map((value) => Number(value.trim()));
  if (values.some((value) => !Number.isInteger(value) || value <= 0)) throw new Error(`bad number list: ${raw}`);
  return values;
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
  };
}
