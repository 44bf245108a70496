import { envFields, parseEnv } from '@miyu/platform/env-schema';
import { subgraphEnvShape, toRuntimeConfig } from '@miyu/graphql/subgraph-env';
import { z } from 'zod';

const schema = z.object({
  ...subgraphEnvShape(4001),
  /** Lifetime of user tokens issued by sign-up, sign-in and platformSession. */
  USER_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  /** Redis for the event log and the deleted-account store (distributed mode); unset = in-process. */
  REDIS_URL: envFields.optionalUrl(),
});

export function loadIdentityEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv('identity', schema, source);
  return {
    port: env.PORT,
    host: env.HOST,
    runtime: toRuntimeConfig('identity', env),
    userTokenTtlSeconds: env.USER_TOKEN_TTL_SECONDS,
    redisUrl: env.REDIS_URL,
  };
}

export type IdentityEnv = ReturnType<typeof loadIdentityEnv>;
