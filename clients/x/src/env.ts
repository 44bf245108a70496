import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envFields, parseEnv } from '@miyu/platform/env-schema';
import { hasServiceSecret, serviceSecretFrom } from '@miyu/sdk/service-credentials';
import { z } from 'zod';

const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));
const required = (what: string) => z.string({ error: `required (${what})` }).min(1, `required (${what})`);

const schema = z
  .object({
    /** OAuth 1.0a user context: the app's consumer key and secret… */
    X_API_KEY: required('the app’s API key'),
    X_API_SECRET: required('the app’s API key secret'),
    /** …and the access token and secret of the account she posts as. */
    X_ACCESS_TOKEN: required('the account’s access token'),
    X_ACCESS_SECRET: required('the account’s access token secret'),
    /** X's API server, or a local one speaking X API v2 (requests go to `<base>/2/…`). */
    X_API_BASE_URL: z.url().default('https://api.x.com'),
    /** Pause between two polls of the mentions timeline. */
    X_POLL_INTERVAL_SECONDS: z.coerce.number().positive().default(60),
    /** Log the posts she would send instead of sending them. */
    X_DRY_RUN: envFields.bool(false),
    /** Port of the worker's health and metrics endpoints. */
    X_PORT: envFields.port(4011),
    X_HOST: z.string().default('127.0.0.1'),
    MIYU_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
    /** The router's GraphQL endpoint. */
    ROUTER_URL: z.url().default('http://127.0.0.1:4000/graphql'),
    /** Worker credentials `name:secret,…`; this worker uses the one named `x`. */
    SERVICE_CREDENTIALS: z.string().default(''),
    LOG_LEVEL: envFields.logLevel(),
  })
  .superRefine((env, ctx) => {
    if (!hasServiceSecret(env.SERVICE_CREDENTIALS, 'x'))
      ctx.addIssue({ code: 'custom', path: ['SERVICE_CREDENTIALS'], message: 'needs an x:<secret> entry (32+ chars)' });
  });

/** Everything the X worker needs, typed; built from the environment or by a test. */
export interface XWorkerConfig {
  credentials: { appKey: string; appSecret: string; accessToken: string; accessSecret: string };
  /** Without a trailing slash, e.g. https://api.x.com. */
  apiBaseUrl: string;
  pollIntervalMs: number;
  dryRun: boolean;
  port: number;
  host: string;
  /** Where the worker keeps its state file (since_id, unfinished mentions, conversation map). */
  stateDir: string;
  routerUrl: string;
  serviceSecret: string;
  logLevel: string;
}

export function loadXEnv(source: Record<string, string | undefined> = process.env): XWorkerConfig {
  const env = parseEnv('x worker', schema, source);
  return {
    credentials: {
      appKey: env.X_API_KEY,
      appSecret: env.X_API_SECRET,
      accessToken: env.X_ACCESS_TOKEN,
      accessSecret: env.X_ACCESS_SECRET,
    },
    apiBaseUrl: env.X_API_BASE_URL.replace(/\/+$/u, ''),
    pollIntervalMs: Math.round(env.X_POLL_INTERVAL_SECONDS * 1000),
    dryRun: env.X_DRY_RUN,
    port: env.X_PORT,
    host: env.X_HOST,
    stateDir: join(env.MIYU_DATA_DIR, 'x'),
    routerUrl: env.ROUTER_URL,
    serviceSecret: serviceSecretFrom(env.SERVICE_CREDENTIALS, 'x') ?? '',
    logLevel: env.LOG_LEVEL,
  };
}

/** True when the environment asks for the X worker (the launcher's switch). */
export function xConfigured(source: Record<string, string | undefined> = process.env): boolean {
  return Boolean(source.X_API_KEY && source.X_ACCESS_TOKEN);
}
