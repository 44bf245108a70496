import { z } from 'zod';

/** Raised when configuration is invalid; lists every problem at once. */
export class ConfigError extends Error {
  readonly issues: string[];
  constructor(service: string, issues: string[]) {
    super(`Invalid configuration for ${service}:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * Parses a flat environment with a zod object schema and reports every problem together
 * (graphql-hive's environment.ts style), instead of failing on the first missing variable.
 */
export function parseEnv<S extends z.ZodObject>(
  service: string,
  schema: S,
  source: Record<string, string | undefined>,
): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    service,
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/** Common field parsers shared by every service's env.ts. */
export const envFields = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  nodeEnv: () => z.enum(['development', 'production', 'test']).default('development'),
  url: () => z.url(),
  optionalUrl: () => z.url().optional(),
  secret: (minLength = 32) => z.string().min(minLength, `must be at least ${minLength} characters`),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1'),
  durationMs: (fallback: number) => z.coerce.number().int().positive().default(fallback),
};
