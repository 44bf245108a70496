/**
 * Expected LLM failures, as a catalog. All of them are internal: messages never carry URLs,
 * hostnames or upstream bodies (the SDK error stays in `cause` for logs).
 */
export const LLM_ERROR_CATALOG = {
  LLM_TIMEOUT: { description: 'The provider did not answer in time (first token, idle gap or deadline).' },
  LLM_INCOMPLETE: { description: "The stream ended without finish_reason 'stop'." },
  LLM_PROVIDER_ERROR: { description: 'The upstream provider refused or failed the request.' },
  LLM_CIRCUIT_OPEN: { description: 'Calls are short-circuited after repeated provider failures.' },
  LLM_BAD_CHUNK: { description: 'The stream carried a chunk that could not be understood.' },
} as const;

export type LlmErrorCode = keyof typeof LLM_ERROR_CATALOG;

export class LlmError extends Error {
  readonly code: LlmErrorCode;
  constructor(code: LlmErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LlmError';
    this.code = code;
  }
}

export type LlmTimeoutKind = 'first-token' | 'idle' | 'deadline';

export class LlmTimeoutError extends LlmError {
  readonly kind: LlmTimeoutKind;
  readonly timeoutMs: number;
  constructor(kind: LlmTimeoutKind, timeoutMs: number) {
    super('LLM_TIMEOUT', `No ${kind === 'idle' ? 'chunk' : 'reply'} within ${timeoutMs} ms (${kind}).`);
    this.name = 'LlmTimeoutError';
    this.kind = kind;
    this.timeoutMs = timeoutMs;
  }
}

export class LlmIncompleteError extends LlmError {
  /** The finish reason the stream ended with, undefined when it sent none. */
  readonly finishReason: string | undefined;
  constructor(finishReason: string | undefined) {
    super(
      'LLM_INCOMPLETE',
      finishReason ? `Reply ended with finish reason '${finishReason}'.` : 'Reply ended without a finish reason.',
    );
    this.name = 'LlmIncompleteError';
    this.finishReason = finishReason;
  }
}

export class LlmProviderError extends LlmError {
  /** HTTP status; undefined when no response arrived (connection failure). */
  readonly status: number | undefined;
  /** How long the provider asked us to wait, from retry-after(-ms), when it sent one. */
  readonly retryAfterMs: number | undefined;
  constructor(status: number | undefined, options?: { retryAfterMs?: number | undefined; cause?: unknown }) {
    super('LLM_PROVIDER_ERROR', status ? `Provider answered HTTP ${status}.` : 'Provider could not be reached.', {
      cause: options?.cause,
    });
    this.name = 'LlmProviderError';
    this.status = status;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

export class CircuitOpenError extends LlmError {
  /** Time until the breaker lets a trial call through. */
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super('LLM_CIRCUIT_OPEN', `Circuit open; next trial in ${retryAfterMs} ms.`);
    this.name = 'CircuitOpenError';
    this.retryAfterMs = retryAfterMs;
  }
}

export class LlmBadChunkError extends LlmError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super('LLM_BAD_CHUNK', `Unreadable stream chunk: ${detail}.`, options);
    this.name = 'LlmBadChunkError';
  }
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}

/** A loggable summary that is safe to store with a reply. */
export function describeLlmError(error: unknown): { code: string; message: string } {
  if (isLlmError(error)) return { code: error.code, message: error.message };
  return { code: 'LLM_UNEXPECTED', message: 'Unexpected error in the LLM provider.' };
}
