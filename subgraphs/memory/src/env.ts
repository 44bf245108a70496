import { subgraphEnvShape, toRuntimeConfig } from '@miyu/graphql/subgraph-env';
import { envFields, parseEnv } from '@miyu/platform/env-schema';
import { z } from 'zod';

/**
 * Embeddings: an OpenAI-compatible /v1/embeddings when EMBEDDINGS_BASE_URL is set, or when
 * OPENAI_API_KEY is set without OPENAI_BASE_URL (OpenAI itself); otherwise the offline SIF vectors.
 */
const embeddingsEnvShape = {
  EMBEDDINGS_BASE_URL: envFields.optionalUrl(),
  /** Key for EMBEDDINGS_BASE_URL; OPENAI_API_KEY when unset. */
  EMBEDDINGS_API_KEY: z.string().optional(),
  EMBEDDINGS_MODEL: z.string().min(1).max(50).default('text-embedding-3-small'),
  /** Requested vector size; unset = the model's own. */
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().min(8).max(4096).optional(),
  EMBEDDINGS_TIMEOUT_MS: envFields.durationMs(5000),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: envFields.optionalUrl(),
};
const embeddingsEnvSchema = z.object(embeddingsEnvShape);

export type EmbeddingsConfig =
  | { kind: 'offline' }
  | { kind: 'openai'; apiKey: string; baseURL?: string; model: string; dimensions?: number; timeoutMs: number };

function toEmbeddingsConfig(env: z.infer<typeof embeddingsEnvSchema>): EmbeddingsConfig {
  const apiKey = env.EMBEDDINGS_API_KEY ?? env.OPENAI_API_KEY;
  const remote = env.EMBEDDINGS_BASE_URL !== undefined || (env.OPENAI_API_KEY !== undefined && env.OPENAI_BASE_URL === undefined);
  if (!remote) return { kind: 'offline' };
  return {
    kind: 'openai',
    // local servers (vLLM, Ollama, the fake) accept any bearer token
    apiKey: apiKey || 'none',
    ...(env.EMBEDDINGS_BASE_URL ? { baseURL: env.EMBEDDINGS_BASE_URL } : {}),
    model: env.EMBEDDINGS_MODEL,
    ...(env.EMBEDDINGS_DIMENSIONS ? { dimensions: env.EMBEDDINGS_DIMENSIONS } : {}),
    timeoutMs: env.EMBEDDINGS_TIMEOUT_MS,
  };
}

const schema = z.object({
  ...subgraphEnvShape(4003),
  /** Redis for the event log (distributed mode); unset = in-process adapters. */
  REDIS_URL: envFields.optionalUrl(),
  ...embeddingsEnvShape,
});

/** The embeddings settings alone (also read by the embedded stack, which has no memory env of its own). */
export function loadEmbeddingsConfig(source: Record<string, string | undefined> = process.env): EmbeddingsConfig {
  return toEmbeddingsConfig(parseEnv('memory', embeddingsEnvSchema, source));
}

export function loadMemoryEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv('memory', schema, source);
  return {
    port: env.PORT,
    host: env.HOST,
    runtime: toRuntimeConfig('memory', env),
    redisUrl: env.REDIS_URL,
    embeddings: toEmbeddingsConfig(env),
  };
}

export type MemoryEnv = ReturnType<typeof loadMemoryEnv>;
