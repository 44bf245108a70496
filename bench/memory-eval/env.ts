/** The only place the memory evaluation reads the environment. */
export function memoryEvalEnv(source: Record<string, string | undefined> = process.env) {
  const split = source.MEMORY_EVAL_SPLIT ?? 'both';
  if (!['dev', 'held-out', 'both'].includes(split))
    throw new Error(`MEMORY_EVAL_SPLIT must be dev, held-out or both, got ${split}`);
  const people = source.MEMORY_EVAL_PEOPLE ? Number(source.MEMORY_EVAL_PEOPLE) : undefined;
  if (people !== undefined && (!Number.isInteger(people) || people < 1))
    throw new Error('MEMORY_EVAL_PEOPLE must be a positive integer');
  return {
    split: split as 'dev' | 'held-out' | 'both',
    /** Fewer people per split for a quick look (the full sets have 20 each). */
    people,
    /** Where the platform's test harness puts the memory subgraph (unset = in-memory PGlite). */
    databaseUrl: source.DATABASE_URL || undefined,
  };
}
