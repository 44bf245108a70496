import { subgraphEnvShape, toRuntimeConfig } from '@miyu/graphql/subgraph-env';
import { envFields, parseEnv } from '@miyu/platform/env-schema';
import { z } from 'zod';

const schema = z.object({
  ...subgraphEnvShape(4003),
  /** Redis for the event log (distributed mode); unset = in-process adapters. */
  REDIS_URL: envFields.optionalUrl(),
});

export function loadMemoryEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv('memory', schema, source);
  return { port: env.PORT, host: env.HOST, runtime: toRuntimeConfig('memory', env), redisUrl: env.REDIS_URL };
}

export type MemoryEnv = ReturnType<typeof loadMemoryEnv>;
