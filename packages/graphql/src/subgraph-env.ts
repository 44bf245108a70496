import { fileURLToPath } from 'node:url';
import { databaseTargetFor } from '@miyu/db/database-config';
import { resolveKeyring } from '@miyu/db/encryption/keyring-config';
import { envFields } from '@miyu/platform/env-schema';
import { z } from 'zod';
import type { SubgraphRuntimeConfig } from './subgraph-service.ts';

/** The repository's git-ignored data folder, the default home of embedded databases. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));

/** Variables every subgraph reads; env.ts files extend this with their own. */
export function subgraphEnvShape(defaultPort: number) {
  return {
    PORT: envFields.port(defaultPort),
    HOST: z.string().default('127.0.0.1'),
    NODE_ENV: envFields.nodeEnv(),
    LOG_LEVEL: envFields.logLevel(),
    DATABASE_URL: envFields.optionalUrl(),
    MIYU_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
    INTERNAL_TOKEN_SECRET: envFields.secret(32),
    GRAPHIQL: envFields.bool(false),
    /** `kid:base64key,…` (32-byte keys): the first seals, all open. Unset in embedded PGlite: the key file in MIYU_DATA_DIR. */
    MIYU_ENCRYPTION_KEYS: z.string().optional(),
  };
}

export function toRuntimeConfig(
  subgraph: string,
  env: {
    NODE_ENV: string;
    LOG_LEVEL: string;
    DATABASE_URL?: string | undefined;
    MIYU_DATA_DIR: string;
    INTERNAL_TOKEN_SECRET: string;
    GRAPHIQL: boolean;
    MIYU_ENCRYPTION_KEYS?: string | undefined;
  },
): SubgraphRuntimeConfig {
  const { keyring } = resolveKeyring({
    configured: env.MIYU_ENCRYPTION_KEYS || undefined,
    dataDir: env.MIYU_DATA_DIR,
    // PostgreSQL is shared by replicas and outlives a folder: it takes the variable, never a file
    allowKeyFile: !env.DATABASE_URL,
    service: subgraph,
  });
  return {
    keyring,
    database: databaseTargetFor(subgraph, { databaseUrl: env.DATABASE_URL, dataDir: env.MIYU_DATA_DIR }),
    internalTokenSecret: env.INTERNAL_TOKEN_SECRET,
    logLevel: env.LOG_LEVEL,
    graphiql: env.GRAPHIQL && env.NODE_ENV !== 'production',
  };
}
