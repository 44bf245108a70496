import { randomBytes } from 'node:crypto';
import { DEFAULT_DATA_DIR } from '@miyu/graphql/subgraph-env';
import { loadRouterEnv } from '@miyu/router/env';
import { envFields, parseEnv } from '@miyu/platform/env-schema';
import { fileURLToPath } from 'node:url';
import { llmEnvShape, toLlmConfig } from '@miyu/llm/llm-env';
import { replyContextEnvShape, toReplyContextSettings } from '@miyu/conversation/env';
import { z } from 'zod';
import { planPlatformWorkers } from './platform-workers.ts';

const schema = z.object({
  PORT: envFields.port(4000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: envFields.logLevel().default('warn'),
  MIYU_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  /** `kid:base64key,…`; unset = the key file `encryption-keys` in MIYU_DATA_DIR, created (0600) on first start. */
  MIYU_ENCRYPTION_KEYS: z.string().optional(),
  /** Optional: run the embedded process against PostgreSQL instead of PGlite. */
  DATABASE_URL: envFields.optionalUrl(),
  /** Optional: Redis for events, reply streams, jobs and rate limits instead of in-process ones. */
  REDIS_URL: envFields.optionalUrl(),
  ...llmEnvShape,
  SUPERGRAPH_PATH: z.string().default(fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url))),
  GRAPHIQL: envFields.bool(true),
  USER_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  MOOD_HALF_LIFE_HOURS: z.coerce.number().positive().default(6),
  ...replyContextEnvShape,
});

/**
 * The launcher's own variables, plus the router's read by the router's own loader, so `npm start`
 * honours every router variable exactly as `npm run start:distributed` does and each default is
 * written once. Only what one process decides for itself differs: the internal-token secret is
 * generated when none is set, and the router listens where the launcher says (127.0.0.1 by default).
 */
export function loadEmbeddedEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv('miyu (embedded)', schema, source);
  const router = loadRouterEnv({
    ...source,
    INTERNAL_TOKEN_SECRET: source.INTERNAL_TOKEN_SECRET || randomBytes(32).toString('hex'),
    PORT: String(env.PORT),
    HOST: env.HOST,
    LOG_LEVEL: env.LOG_LEVEL,
    SUPERGRAPH_PATH: env.SUPERGRAPH_PATH,
    GRAPHIQL: String(env.GRAPHIQL),
  });
  // configured social-platform workers (Telegram, …) run in this process as clients of the router
  return {
    ...env,
    llm: toLlmConfig(env),
    replyContext: toReplyContextSettings(env),
    router: router.config,
    platformWorkers: planPlatformWorkers(source),
  };
}

export type EmbeddedEnv = ReturnType<typeof loadEmbeddedEnv>;
