import { z } from 'zod';

const schema = z.object({
  /** Database every subgraph shares (one schema each); created when missing. */
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/miyu'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  /** Shared by router and subgraphs; generated per run when unset. */
  INTERNAL_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Lets the conversation subgraph's reply pipeline call the router for a user; generated when unset. */
  PIPELINE_SERVICE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Every subgraph's key list (`kid:base64key,…`); unset = `encryption-keys` in MIYU_DATA_DIR, created (0600) on the first run. */
  MIYU_ENCRYPTION_KEYS: z.string().optional(),
  /** Where that key file lives (the embedded default's data folder). */
  MIYU_DATA_DIR: z.string().optional(),
  /** Interface the routers listen on; subgraphs and proxies always stay on 127.0.0.1. */
  HOST: z.string().default('127.0.0.1'),
  /** How long a service may take to answer /readyz after it was spawned. */
  READY_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
});

export type LauncherEnv = z.infer<typeof schema>;

/** The launcher's own settings; throws one message listing every problem. */
export function loadLauncherEnv(source: Record<string, string | undefined> = process.env): LauncherEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid configuration for start-distributed:\n${issues.join('\n')}`);
}

/** The environment children inherit (LOG_LEVEL, OPENAI_API_KEY, SERVICE_CREDENTIALS, limits…). */
export function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
