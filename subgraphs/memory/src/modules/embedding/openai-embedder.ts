import { createCircuitBreaker } from '@miyu/llm/resilience/circuit-breaker';
import OpenAI from 'openai';
import type { Embedder } from './sif-embedder.ts';

export interface OpenAiEmbedderOptions {
  apiKey: string;
  /** Any OpenAI-compatible base URL ending in /v1. */
  baseURL?: string;
  model: string;
  /** Requested vector size (`dimensions`); omitted = the model's own. */
  dimensions?: number;
  /** Per request (a batch), default 5 s: recall waits for the query's vector. */
  timeoutMs?: number;
  /** Texts per request, default 64. */
  batchSize?: number;
  /** The chat breaker's defaults: 5 consecutive failures open it for 30 s. */
  failureThreshold?: number;
  resetTimeoutMs?: number;
}

/**
 * Embeddings from an OpenAI-compatible `/v1/embeddings` through the official SDK, in batches,
 * with a timeout and the same circuit breaker the chat provider uses. A failure (or an open
 * breaker) gives null vectors, never an error: recall then runs on the lexical list alone and the
 * memory is embedded later by the background re-embedder (its model column stays behind).
 */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions, onError: (error: unknown) => void = () => {}): Embedder {
  const client = new OpenAI({
    apiKey: options.apiKey,
    // explicit nulls keep the SDK from reading OPENAI_* variables itself
    baseURL: options.baseURL ?? null,
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 5000,
    logLevel: 'off',
  });
  const breaker = createCircuitBreaker({
    failureThreshold: options.failureThreshold ?? 5,
    resetTimeoutMs: options.resetTimeoutMs ?? 30_000,
    halfOpenMaxCalls: 1,
  });
  const batchSize = options.batchSize ?? 64;
  const dimensions = options.dimensions;
  async function embedBatch(texts: string[]): Promise<Array<Float32Array | null>> {
    try {
      const response = await breaker.execute(() =>
        client.embeddings.create({
          model: options.model,
          input: texts,
          encoding_format: 'float',
          ...(dimensions ? { dimensions } : {}),
        }),
      );
      const vectors: Array<Float32Array | null> = texts.map(() => null);
      for (const item of response.data) vectors[item.index] = unit(Float32Array.from(item.embedding));
      return vectors;
    } catch (error) {
      onError(error);
      return texts.map(() => null);
    }
  }
  return {
    // the vector's size is part of the name: a changed dimension re-embeds like a changed model
    model: `openai:${options.model}${dimensions ? `:${dimensions}` : ''}`.slice(0, 64),
    dimensions: dimensions ?? 0,
    async embed(texts) {
      const out: Array<Float32Array | null> = [];
      for (let i = 0; i < texts.length; i += batchSize) out.push(...(await embedBatch(texts.slice(i, i + batchSize))));
      return out;
    },
  };
}

function unit(vector: Float32Array): Float32Array | null {
  let norm = 0;
  for (const x of vector) norm += x * x;
  if (!(norm > 0)) return null;
  const scale = 1 / Math.sqrt(norm);
  return vector.map((x) => x * scale);
}
