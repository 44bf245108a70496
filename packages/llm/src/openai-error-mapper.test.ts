import { APIConnectionError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { LlmBadChunkError, LlmProviderError, LlmTimeoutError } from './llm-errors.ts';
import { retryAfterMs, toLlmError } from './openai-error-mapper.ts';

const live = new AbortController().signal;

describe('toLlmError', () => {
  it('maps an HTTP error to LlmProviderError with status and retry-after', () => {
    const sdkError = APIError.generate(429, { message: 'slow down' }, undefined, new Headers({ 'retry-after': '3' }));
    const error = toLlmError(sdkError, live, 1_000) as LlmProviderError;
    expect(error).toBeInstanceOf(LlmProviderError);
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(3_000);
    expect(error.cause).toBe(sdkError);
  });

  it('maps a connection failure to a provider error without status or internals in the message', () => {
    const error = toLlmError(
      new APIConnectionError({ message: 'connect ECONNREFUSED 10.0.0.7:443' }),
      live,
      1_000,
    ) as LlmProviderError;
    expect(error.status).toBeUndefined();
    expect(error.message).not.toContain('10.0.0.7');
  });

  it('maps malformed SSE JSON to LlmBadChunkError', () => {
    expect(toLlmError(new SyntaxError('bad'), live, 1_000)).toBeInstanceOf(LlmBadChunkError);
  });

  it('prefers the reason of our own abort over what the SDK reports', () => {
    const controller = new AbortController();
    const reason = new LlmTimeoutError('idle', 50);
    controller.abort(reason);
    expect(toLlmError(new Error('Request was aborted.'), controller.signal, 1_000)).toBe(reason);
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after-ms first, then seconds, then an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5_000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});
