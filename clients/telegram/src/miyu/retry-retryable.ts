import { MiyuRequestError } from '@miyu/sdk/miyu-client';

export interface RetryOptions {
  /** Tries in all, the first one included. */
  attempts?: number;
  /** The longest pause between two tries, whatever Retry-After says. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A refusal MIYU marks as safe to send again (busy, storage down, a timeout with the same idempotency key). */
export function isRetryable(error: unknown): error is MiyuRequestError {
  return error instanceof MiyuRequestError && error.code === 'SERVICE_UNAVAILABLE' && error.details?.retryable === true;
}

/**
 * Runs `call` again after a retryable refusal, waiting what the refusal's `retryAfterSeconds`
 * says (capped). Only for calls that are safe to repeat: sendMessage with the same
 * clientMessageId returns the message stored the first time.
 */
export async function retryRetryable<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const maxWaitMs = options.maxWaitMs ?? 5_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      const seconds = Number(error.details?.retryAfterSeconds ?? 1);
      await sleep(Math.min(maxWaitMs, Number.isFinite(seconds) && seconds > 0 ? seconds * 1_000 : 1_000));
    }
  }
}
