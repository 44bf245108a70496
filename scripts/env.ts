import { z } from 'zod';

const schema = z.object({
  /** Set: the tests run against this PostgreSQL (and REDIS_URL) instead of the embedded adapters. */
  DATABASE_URL: z.string().optional(),
});

export function loadTestRunnerEnv(source: Record<string, string | undefined> = process.env) {
  return schema.parse({ DATABASE_URL: source.DATABASE_URL || undefined });
}
