import { APIConnectionTimeoutError, APIError } from 'openai';
import { isLlmError, LlmBadChunkError, LlmProviderError, LlmTimeoutError } from './llm-errors.ts';

/**
 * Turns whatever the SDK threw into a catalog error. An abort we caused ourselves (timeout,
 * deadline, caller) wins over the SDK's view of it, because the SDK reports those as a generic
 * user abort or, mid-stream, as a quiet end of the stream.
 */
export function toLlmError(error: unknown, signal: AbortSignal, requestTimeoutMs: number): unknown {
  if (signal.aborted) return signal.reason;
  if (isLlmError(error)) return error;
  if (error instanceof APIConnectionTimeoutError) return new LlmTimeoutError('first-token', requestTimeoutMs);
  if (error instanceof APIError) {
    return new LlmProviderError(error.status, { retryAfterMs: retryAfterMs(error.headers), cause: error });
  }
  // The SDK raises a SyntaxError for a data line that is not JSON.
  if (error instanceof SyntaxError) return new LlmBadChunkError('malformed JSON', { cause: error });
  return error;
}

/** Reads `retry-after-ms`, then `retry-after` as seconds or an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
