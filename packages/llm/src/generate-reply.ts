import type { ChatRequest, ChatUsage, LlmProvider } from './llm-provider.ts';
import { SpanKind, withSpan } from '@miyu/platform/tracing/spans';
import { describeLlmError, LlmIncompleteError } from './llm-errors.ts';
import type { LlmMetrics } from './llm-metrics.ts';

export interface ReplyProviders {
  /** Tried first; wrap remote providers with createResilientProvider so they cannot hang. */
  primary: LlmProvider;
  /** Answers when the primary fails; normally the offline provider. */
  fallback?: LlmProvider | undefined;
  /** Latency, first-token time and tokens per provider (llm-metrics.ts). */
  metrics?: LlmMetrics | undefined;
}

export interface GenerateReplyOptions {
  /** Cancels the reply; a cancelled reply throws `signal.reason` and never falls back. */
  signal?: AbortSignal;
  /** Receives each text delta as it arrives. */
  onDelta?: (text: string) => void;
  /** Called when deltas already sent must be discarded because the fallback starts over. */
  onReset?: (info: { discardedText: string; error: { code: string; message: string } }) => void;
}

export interface GeneratedReply {
  text: string;
  /** The model that produced `text` (e.g. 'miyu-offline-1' after a fallback). */
  model: string;
  providerName: string;
  finishReason: string;
  usage: ChatUsage | undefined;
  /** True when the fallback produced the reply. */
  fellBack: boolean;
  /** True when the primary had streamed deltas before failing (onReset was called). */
  discardedPartial: boolean;
  /** Why the primary failed, safe to store. */
  primaryError?: { code: string; message: string };
}

interface Attempt {
  text: string;
  finishReason: string;
  usage: ChatUsage | undefined;
}

/**
 * Produces one complete reply. If the primary fails before its first delta the fallback simply
 * answers. If it fails after streaming part of a reply, we do not splice two models' words
 * together: `onReset` tells the caller to drop what it showed, and the fallback's text replaces
 * it from the start. `text` in the result is always the complete, authoritative reply.
 */
export async function generateReply(
  providers: ReplyProviders,
  request: ChatRequest,
  options: GenerateReplyOptions = {},
): Promise<GeneratedReply> {
  const signal = options.signal ?? new AbortController().signal;
  const streamed = { text: '' };
  try {
    const attempt = await runAttempt(providers.primary, request, signal, options.onDelta, streamed, providers.metrics);
    return { ...attempt, ...identify(providers.primary), fellBack: false, discardedPartial: false };
  } catch (error) {
    if (signal.aborted || !providers.fallback) throw error;
    const primaryError = describeLlmError(error);
    const discardedPartial = streamed.text.length > 0;
    if (discardedPartial) options.onReset?.({ discardedText: streamed.text, error: primaryError });
    const attempt = await runAttempt(providers.fallback, request, signal, options.onDelta, { text: '' }, providers.metrics);
    return { ...attempt, ...identify(providers.fallback), fellBack: true, discardedPartial, primaryError };
  }
}

function identify(provider: LlmProvider): { model: string; providerName: string } {
  return { model: provider.model, providerName: provider.name };
}

/** One provider's attempt, as a span: the first delta is an event (and `llm.first_token_ms`), usage attributes at the end. */
function runAttempt(
  provider: LlmProvider,
  request: ChatRequest,
  signal: AbortSignal,
  onDelta: ((text: string) => void) | undefined,
  streamed: { text: string },
  metrics: LlmMetrics | undefined,
): Promise<Attempt> {
  const attributes = { 'llm.provider': provider.name, 'llm.model': provider.model };
  return withSpan(`llm ${provider.name}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let first = true;
    try {
      for await (const chunk of provider.streamChat(request, signal)) {
        if (chunk.type === 'delta') {
          if (first) {
            first = false;
            span.addEvent('first_token');
            span.setAttribute('llm.first_token_ms', Math.round(performance.now() - started));
            metrics?.firstToken(provider.name, seconds());
          }
          streamed.text += chunk.text;
          onDelta?.(chunk.text);
          continue;
        }
        // Checked here too, so an unwrapped provider cannot pass off a truncated reply.
        if (chunk.reason !== 'stop') throw new LlmIncompleteError(chunk.reason);
        span.setAttribute('llm.finish_reason', chunk.reason);
        if (chunk.usage) {
          span.setAttribute('llm.usage.prompt_tokens', chunk.usage.promptTokens);
          span.setAttribute('llm.usage.completion_tokens', chunk.usage.completionTokens);
        }
        metrics?.finished(provider.name, 'ok', seconds(), chunk.usage);
        return { text: streamed.text, finishReason: chunk.reason, usage: chunk.usage };
      }
      if (signal.aborted) throw signal.reason;
      throw new LlmIncompleteError(undefined);
    } catch (error) {
      metrics?.finished(provider.name, 'error', seconds());
      throw error;
    }
  });
}
