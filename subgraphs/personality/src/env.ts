import { subgraphEnvShape, toRuntimeConfig } from '@miyu/graphql/subgraph-env';
import { envFields, parseEnv } from '@miyu/platform/env-schema';
import { z } from 'zod';

const schema = z.object({
  ...subgraphEnvShape(4002),
  /** Hours for the companion's mood to relax half-way back to the persona's baseline. */
  MOOD_HALF_LIFE_HOURS: z.coerce.number().positive().default(6),
  /** Redis for the event log and pub/sub (distributed mode); unset = in-process adapters. */
  REDIS_URL: envFields.optionalUrl(),
});

export function loadPersonalityEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv('personality', schema, source);
  return {
    port: env.PORT,
    host: env.HOST,
    runtime: toRuntimeConfig('personality', env),
    moodHalfLifeMs: env.MOOD_HALF_LIFE_HOURS * 3600_000,
    redisUrl: env.REDIS_URL,
  };
}

export type PersonalityEnv = ReturnType<typeof loadPersonalityEnv>;
