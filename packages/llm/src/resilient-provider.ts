import type { ChatChunk, ChatRequest, LlmProvider } from './llm-provider.ts';
import { LlmIncompleteError } from './llm-errors.ts';
import type { CircuitBreaker } from './resilience/circuit-breaker.ts';
import type { ConcurrencyLimiter, ReleaseSlot } from './resilience/concurrency-limiter.ts';
import { createDeadline } from './resilience/deadline.ts';
import { type StreamTimeouts, withStreamTimeouts } from './resilience/stream-timeouts.ts';

export interface ResilienceGuards {
  /** Short-circuits calls after repeated failures; caller aborts do not count as failures. */
  breaker: CircuitBreaker;
  /** Caps calls in flight; waiting for a slot counts against the overall deadline. */
  limiter: ConcurrencyLimiter;
  /** First-token, idle-chunk and overall limits. */
  timeouts: StreamTimeouts;
}

/**
 * Wraps a provider so that every stream either ends with `finish: 'stop'` or throws a typed
 * LlmError within `overallDeadlineMs`. Order matters: the breaker rejects before we queue for a
 * slot, and the deadline starts before the queue so a long queue cannot stretch the call.
 */
export function createResilientProvider(primary: LlmProvider, guards: ResilienceGuards): LlmProvider {
  const { breaker, limiter, timeouts } = guards;

  async function* streamChat(request: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatChunk> {
    const permit = breaker.enter();
    const deadline = createDeadline(timeouts.overallDeadlineMs, signal);
    let release: ReleaseSlot | undefined;
    let outcome: 'success' | 'failure' | 'neutral' = 'neutral';
    try {
      release = await limiter.acquire(deadline.signal);
      const chunks = withStreamTimeouts((inner) => primary.streamChat(request, inner), timeouts, deadline.signal);
      let finishReason: string | undefined;
      for await (const chunk of chunks) {
        if (chunk.type === 'finish') {
          finishReason = chunk.reason;
          if (chunk.reason !== 'stop') break;
          outcome = 'success';
          yield chunk;
          return;
        }
        if (chunk.text.length > 0) yield chunk;
      }
      throw new LlmIncompleteError(finishReason);
    } catch (error) {
      // A caller that gives up tells us nothing about the provider's health.
      outcome = signal.aborted ? 'neutral' : 'failure';
      throw error;
    } finally {
      release?.();
      deadline.dispose();
      if (outcome === 'success') permit.success();
      else if (outcome === 'failure') permit.failure();
      else permit.release();
    }
  }

  return { name: primary.name, model: primary.model, streamChat };
}
