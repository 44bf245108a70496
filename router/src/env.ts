import { fileURLToPath } from 'node:url';
import { envFields, parseEnv } from '@miyu/platform/env-schema';
import { z } from 'zod';
import type { RateLimitPolicy } from './rate-limit/rate-limiter.ts';

const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const DEFAULT_PERSISTED_MANIFEST = fileURLToPath(new URL('../../clients/sdk/src/gql/persisted-documents.json', import.meta.url));

const schema = z.object({
  PORT: envFields.port(4000),
  HOST: z.string().default('0.0.0.0'),
  NODE_ENV: envFields.nodeEnv(),
  LOG_LEVEL: envFields.logLevel(),
  SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH),
  INTERNAL_TOKEN_SECRET: envFields.secret(32),
  /** Where the identity subgraph publishes its signing keys. */
  JWKS_URL: envFields.optionalUrl(),
  /** Overrides of the subgraph URLs in the supergraph file. */
  IDENTITY_URL: envFields.optionalUrl(),
  PERSONALITY_URL: envFields.optionalUrl(),
  MEMORY_URL: envFields.optionalUrl(),
  QUEST_URL: envFields.optionalUrl(),
  CONVERSATION_URL: envFields.optionalUrl(),
  /** The reply pipeline's credential, which may act for a user (x-miyu-act-as). */
  PIPELINE_SERVICE_SECRET: z.string().min(32).optional(),
  /** Worker credentials, `name:secret` pairs separated by commas (secrets of 32+ characters). */
  SERVICE_CREDENTIALS: z.string().default(''),
  SUBGRAPH_TIMEOUT_MS: envFields.durationMs(10_000),
  /** Redis for shared rate-limit buckets; unset = buckets in this process. */
  REDIS_URL: envFields.optionalUrl(),
  RATE_LIMIT_BURST: z.coerce.number().int().positive().default(60),
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(5),
  GRAPHIQL: envFields.bool(true),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  MAX_DEPTH: z.coerce.number().int().positive().default(12),
  MAX_ALIASES: z.coerce.number().int().positive().default(30),
  MAX_TOKENS: z.coerce.number().int().positive().default(2_000),
  MAX_ROOT_FIELDS: z.coerce.number().int().positive().default(10),
  /** Browser origins allowed to open WebSockets besides the router's own (and localhost in development). */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Browser origins allowed to call /graphql over HTTP (CORS), comma-separated; empty = the router's own only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .refine((value) => originList(value).every(isOrigin), 'a comma-separated list of origins such as https://app.example'),
  SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().positive().default(100),
  SUBSCRIPTIONS_PER_PROCESS: z.coerce.number().int().positive().default(20_000),
  SUBSCRIPTION_QUEUE_LIMIT: z.coerce.number().int().positive().default(1_000),
  UPSTREAM_SOCKETS_PER_SUBGRAPH: z.coerce.number().int().positive().default(4),
  WS_MAX_PAYLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024),
  /** off | allow | safelist: whether callers without an API key may send documents not in the manifest. */
  PERSISTED_OPERATIONS: z.enum(['off', 'allow', 'safelist']).default('allow'),
  /** The persisted-documents.json GraphQL Code Generator writes for the SDK (hash -> document). */
  PERSISTED_OPERATIONS_MANIFEST: z.string().default(DEFAULT_PERSISTED_MANIFEST),
  /** Re-read SUPERGRAPH_PATH when it changes (also on SIGHUP). */
  WATCH_SUPERGRAPH: envFields.bool(false),
});

export function loadRouterEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv('router', schema, source);
  const overrides = Object.fromEntries(
    (
      [
        ['identity', env.IDENTITY_URL],
        ['personality', env.PERSONALITY_URL],
        ['memory', env.MEMORY_URL],
        ['quest', env.QUEST_URL],
        ['conversation', env.CONVERSATION_URL],
      ] as const
    ).flatMap(([name, url]) => (url ? [[name, url] as const] : [])),
  );
  return {
    port: env.PORT,
    host: env.HOST,
    config: {
      production: env.NODE_ENV === 'production',
      logLevel: env.LOG_LEVEL,
      supergraphPath: env.SUPERGRAPH_PATH,
      internalTokenSecret: env.INTERNAL_TOKEN_SECRET,
      jwksUrl: env.JWKS_URL,
      subgraphUrls: overrides,
      serviceCredentials: [
        ...parseServiceCredentials(env.SERVICE_CREDENTIALS),
        ...(env.PIPELINE_SERVICE_SECRET ? [{ name: 'pipeline', secret: env.PIPELINE_SERVICE_SECRET, actAs: true }] : []),
      ],
      subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      redisUrl: env.REDIS_URL,
      rateLimit: { capacity: env.RATE_LIMIT_BURST, refillPerSecond: env.RATE_LIMIT_PER_SECOND },
      graphiql: env.GRAPHIQL && env.NODE_ENV !== 'production',
      corsOrigins: originList(env.CORS_ORIGINS),
      watchSupergraph: env.WATCH_SUPERGRAPH,
      persistedOperations: { mode: env.PERSISTED_OPERATIONS, manifestPath: env.PERSISTED_OPERATIONS_MANIFEST },
      subscriptions: {
        ...DEFAULT_SUBSCRIPTIONS,
        allowedOrigins: originList(env.ALLOWED_ORIGINS),
        maxPerConnection: env.SUBSCRIPTIONS_PER_CONNECTION,
        maxPerProcess: env.SUBSCRIPTIONS_PER_PROCESS,
        queueLimit: env.SUBSCRIPTION_QUEUE_LIMIT,
        socketsPerSubgraph: env.UPSTREAM_SOCKETS_PER_SUBGRAPH,
        maxPayloadBytes: env.WS_MAX_PAYLOAD_BYTES,
      },
      limits: {
        maxBodyBytes: env.MAX_BODY_BYTES,
        maxDepth: env.MAX_DEPTH,
        maxAliases: env.MAX_ALIASES,
        maxTokens: env.MAX_TOKENS,
        maxRootFields: env.MAX_ROOT_FIELDS,
      },
    } satisfies RouterConfig,
  };
}

export interface RouterLimits {
  maxBodyBytes: number;
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxRootFields: number;
}

export interface RouterConfig {
  production: boolean;
  logLevel: string;
  supergraphPath: string;
  internalTokenSecret: string;
  /** JWKS of the identity subgraph; defaults to `<identity url>/.well-known/jwks.json`. */
  jwksUrl: string | undefined;
  subgraphUrls: Record<string, string>;
  /** Worker credentials; `actAs` ones may send x-miyu-act-as (the reply pipeline). */
  serviceCredentials: { name: string; secret: string; actAs?: boolean }[];
  subgraphTimeoutMs: number;
  redisUrl: string | undefined;
  /** Per caller (user, API key, service, or IP for anonymous callers). */
  rateLimit: RateLimitPolicy;
  graphiql: boolean;
  /** Browser origins besides the router's own that may call /graphql over HTTP. */
  corsOrigins: string[];
  watchSupergraph: boolean;
  /** Operations by id (README, "Persisted operations"). */
  persistedOperations: { mode: 'off' | 'allow' | 'safelist'; manifestPath: string };
  subscriptions: SubscriptionSettings;
  limits: RouterLimits;
}

export interface SubscriptionSettings {
  allowedOrigins: string[];
  maxPerConnection: number;
  maxPerProcess: number;
  /** Events buffered per subscription before a slow client is cut off. */
  queueLimit: number;
  socketsPerSubgraph: number;
  maxPayloadBytes: number;
  connectionInitTimeoutMs: number;
  keepAliveMs: number;
  /** Heartbeat of multipart and SSE streams. */
  heartbeatMs: number;
}

export const DEFAULT_SUBSCRIPTIONS: SubscriptionSettings = {
  allowedOrigins: [],
  maxPerConnection: 100,
  maxPerProcess: 20_000,
  queueLimit: 1_000,
  socketsPerSubgraph: 4,
  maxPayloadBytes: 64 * 1024,
  connectionInitTimeoutMs: 3_000,
  keepAliveMs: 12_000,
  heartbeatMs: 5_000,
};

function originList(raw: string): string[] {
  return raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

export function parseServiceCredentials(raw: string): { name: string; secret: string }[] {
  return raw
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const separator = pair.indexOf(':');
      const name = pair.slice(0, separator);
      const secret = pair.slice(separator + 1);
      if (separator <= 0 || secret.length < 32)
        throw new Error(`SERVICE_CREDENTIALS: "${name || pair}" needs name:secret with a 32+ character secret`);
      return { name, secret };
    });
}

export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { capacity: 60, refillPerSecond: 5 };

export const DEFAULT_LIMITS: RouterLimits = {
  maxBodyBytes: 256 * 1024,
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 2_000,
  maxRootFields: 10,
};
