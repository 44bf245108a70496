import { DEFAULT_DATA_DIR } from '@miyu/graphql/subgraph-env';
import { envFields, parseEnv } from '@miyu/platform/env-schema';
import { fileURLToPath } from 'node:url';
import { llmEnvShape, toLlmConfig } from '@miyu/llm/llm-env';
import { z } from 'zod';

const schema = z.object({
  PORT: envFields.port(4000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: envFields.logLevel().default('warn'),
  MIYU_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  /** Optional: run the embedded process against PostgreSQL instead of PGlite. */
  DATABASE_URL: envFields.optionalUrl(),
  /** Optional: Redis for events, reply streams, jobs and rate limits instead of in-process ones. */
  REDIS_URL: envFields.optionalUrl(),
  ...llmEnvShape,
  SUPERGRAPH_PATH: z.string().default(fileURLToPath(new URL('../../../schema/supergraph.graphql', import.meta.url))),
  SERVICE_CREDENTIALS: z.string().default(''),
  GRAPHIQL: envFields.bool(true),
  USER_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  MOOD_HALF_LIFE_HOURS: z.coerce.number().positive().default(6),
});

export function loadEmbeddedEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv('miyu (embedded)', schema, source);
  return { ...env, llm: toLlmConfig(env) };
}

export type EmbeddedEnv = ReturnType<typeof loadEmbeddedEnv>;
