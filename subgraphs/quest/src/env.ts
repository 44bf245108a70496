import { subgraphEnvShape, toRuntimeConfig } from '@miyu/graphql/subgraph-env';
import { envFields, parseEnv } from '@miyu/platform/env-schema';
import { z } from 'zod';

const schema = z.object({
  ...subgraphEnvShape(4004),
  /** Redis for the event log and pub/sub (distributed mode); unset = in-process adapters. */
  REDIS_URL: envFields.optionalUrl(),
});

export function loadQuestEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv('quest', schema, source);
  return { port: env.PORT, host: env.HOST, runtime: toRuntimeConfig('quest', env), redisUrl: env.REDIS_URL };
}

export type QuestEnv = ReturnType<typeof loadQuestEnv>;
