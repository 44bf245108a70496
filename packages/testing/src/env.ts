import { z } from 'zod';

const schema = z.object({
  /** When set, integration tests run against this PostgreSQL instead of PGlite. */
  DATABASE_URL: z.url().optional(),
  /** When set, tests of Redis-backed adapters use this Redis. */
  REDIS_URL: z.url().optional(),
  /** Log level of services started by tests (silent unless debugging). */
  MIYU_TEST_LOG_LEVEL: z.string().default('silent'),
});

/** Test-time switches; read once per call (tests may change them between files). */
export function testEnv() {
  const parsed = schema.safeParse({
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    REDIS_URL: process.env.REDIS_URL || undefined,
    MIYU_TEST_LOG_LEVEL: process.env.MIYU_TEST_LOG_LEVEL || undefined,
  });
  if (!parsed.success) throw new Error(`invalid test environment: ${parsed.error.message}`);
  return parsed.data;
}

/** The whole environment, for a child process a test starts the way a person would (`npm start`). */
export function inheritedEnvironment(): Record<string, string | undefined> {
  return { ...process.env };
}
