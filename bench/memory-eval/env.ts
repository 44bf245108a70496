/** The only place the memory evaluation reads the environment. */
export function memoryEvalEnv(source: Record<string, string | undefined> = process.env) {
  const split = source.MEMORY_EVAL_SPLIT ?? 'both';
  if (!['dev', 'held-out', 'both'].includes(split))
    throw new Error(`MEMORY_EVAL_SPLIT must be dev, held-out or both, got ${split}`);
  const people = source.MEMORY_EVAL_PEOPLE ? Number(source.MEMORY_EVAL_PEOPLE) : undefined;
  if (people !== undefined && (!Number.isInteger(people) || people < 1))
    throw new Error('MEMORY_EVAL_PEOPLE must be a positive integer');
  const embeddings = source.MEMORY_EVAL_EMBEDDINGS ?? 'fake';
  if (!['fake', 'env', 'none'].includes(embeddings))
    throw new Error(`MEMORY_EVAL_EMBEDDINGS must be fake, env or none, got ${embeddings}`);
  const latencySizes = (source.MEMORY_LATENCY_SIZES ?? '1000,10000').split(',').map(Number);
  if (!latencySizes.every((n) => Number.isInteger(n) && n > 0))
    throw new Error('MEMORY_LATENCY_SIZES must list positive integers');
  return {
    /** Memories per person in the latency benchmark (latency.ts). */
    latencySizes,
    /**
     * The "MIYU with embeddings" system: `fake` = the fake /v1/embeddings of packages/testing (CI),
     * `env` = the embeddings the memory subgraph's own variables configure (a real model), `none` = skip it.
     */
    embeddings: embeddings as 'fake' | 'env' | 'none',
    /** The memory subgraph's embeddings variables, for `env`. */
    source,
    split: split as 'dev' | 'held-out' | 'both',
    /** Fewer people per split for a quick look (the full sets have 20 each). */
    people,
    /** Where the platform's test harness puts the memory subgraph (unset = in-memory PGlite). */
    databaseUrl: source.DATABASE_URL || undefined,
  };
}
