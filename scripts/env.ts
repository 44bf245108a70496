import { z } from 'zod';

const schema = z.object({
  /** Set: the tests run against this PostgreSQL (and REDIS_URL) instead of the embedded adapters. */
  DATABASE_URL: z.string().optional(),
  /** Set by CI: flaky integration/e2e tests get retries, and are named and counted when they pass on one. */
  CI: z.enum(['true', 'false', '1', '0']).optional(),
});

export function loadTestRunnerEnv(source: Record<string, string | undefined> = process.env) {
  return schema.parse({ DATABASE_URL: source.DATABASE_URL || undefined, CI: source.CI || undefined });
}
