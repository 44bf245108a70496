import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { envFields, parseEnv } from '@miyu/platform/env-schema';
import { hasServiceSecret, serviceSecretFrom } from '@miyu/sdk/service-credentials';
import { z } from 'zod';

const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));

const schema = z
  .object({
    /** The bot's token from @BotFather. */
    TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/u, 'must look like 123456:ABC-DEF…'),
    /** grammY's apiRoot: Telegram's own server, or a local Bot API server. */
    TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
    TELEGRAM_MODE: z.enum(['polling', 'webhook']).default('polling'),
    /** Public HTTPS URL Telegram posts updates to (webhook mode). */
    TELEGRAM_WEBHOOK_URL: envFields.optionalUrl(),
    /** Sent by Telegram in X-Telegram-Bot-Api-Secret-Token on every webhook call (1-256 of A-Z a-z 0-9 _ -). */
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[\w-]{1,256}$/u, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
      .optional(),
    /** Port of the worker's health, metrics and webhook endpoints. */
    TELEGRAM_PORT: envFields.port(4010),
    TELEGRAM_HOST: z.string().default('127.0.0.1'),
    /** Minimum pause between two edits of a streamed reply in one chat (Telegram allows about 1/s). */
    TELEGRAM_EDIT_INTERVAL_MS: envFields.durationMs(1_000),
    /** Stream into sendMessageDraft in private chats when the Bot API offers it. */
    TELEGRAM_DRAFTS: envFields.bool(true),
    MIYU_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
    /** The router's GraphQL endpoint. */
    ROUTER_URL: z.url().default('http://127.0.0.1:4000/graphql'),
    /** Worker credentials `name:secret,…`; this worker uses the one named `telegram`. */
    SERVICE_CREDENTIALS: z.string().default(''),
    LOG_LEVEL: envFields.logLevel(),
  })
  .superRefine((env, ctx) => {
    if (!hasServiceSecret(env.SERVICE_CREDENTIALS, 'telegram'))
      ctx.addIssue({ code: 'custom', path: ['SERVICE_CREDENTIALS'], message: 'needs a telegram:<secret> entry (32+ chars)' });
    if (env.TELEGRAM_MODE === 'webhook') {
      if (!env.TELEGRAM_WEBHOOK_URL)
        ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_URL'], message: 'required when TELEGRAM_MODE=webhook' });
      if (!env.TELEGRAM_WEBHOOK_SECRET)
        ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'required when TELEGRAM_MODE=webhook' });
    }
  });

/** Everything the Telegram worker needs, typed; built from the environment or by a test. */
export interface TelegramWorkerConfig {
  botToken: string;
  apiRoot: string;
  mode: 'polling' | 'webhook';
  webhook?: { url: string; secret: string };
  port: number;
  host: string;
  editIntervalMs: number;
  drafts: boolean;
  /** Where the worker keeps its small state file (update offset, unfinished updates, chat map). */
  stateDir: string;
  routerUrl: string;
  serviceSecret: string;
  logLevel: string;
  /** Long-polling timeout in seconds (Telegram allows up to 50). */
  pollTimeoutSeconds?: number;
}

export function loadTelegramEnv(source: Record<string, string | undefined> = process.env): TelegramWorkerConfig {
  const env = parseEnv('telegram worker', schema, source);
  return {
    botToken: env.TELEGRAM_BOT_TOKEN,
    apiRoot: env.TELEGRAM_API_ROOT,
    mode: env.TELEGRAM_MODE,
    ...(env.TELEGRAM_WEBHOOK_URL && env.TELEGRAM_WEBHOOK_SECRET
      ? { webhook: { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET } }
      : {}),
    port: env.TELEGRAM_PORT,
    host: env.TELEGRAM_HOST,
    editIntervalMs: env.TELEGRAM_EDIT_INTERVAL_MS,
    drafts: env.TELEGRAM_DRAFTS,
    stateDir: join(env.MIYU_DATA_DIR, 'telegram'),
    routerUrl: env.ROUTER_URL,
    serviceSecret: serviceSecretFrom(env.SERVICE_CREDENTIALS, 'telegram') ?? '',
    logLevel: env.LOG_LEVEL,
  };
}

/** True when the environment asks for the Telegram worker (the `npm start` launcher's switch). */
export function telegramConfigured(source: Record<string, string | undefined> = process.env): boolean {
  return Boolean(source.TELEGRAM_BOT_TOKEN);
}
