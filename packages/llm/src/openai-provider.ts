import OpenAI from 'openai';
import type { ChatChunk, ChatRequest, ChatUsage, LlmProvider } from './llm-provider.ts';
import { LlmBadChunkError } from './llm-errors.ts';
import { toLlmError } from './openai-error-mapper.ts';

export interface OpenAiProviderOptions {
  /** API key sent as a bearer token; local servers (vLLM, Ollama) accept any non-empty value. */
  apiKey: string;
  /** Any OpenAI-compatible base URL ending in /v1; defaults to api.openai.com. */
  baseURL?: string;
  /** Model name sent with each request and recorded with each reply. */
  model: string;
  /** OpenAI organization id, when the key belongs to several. */
  organization?: string;
  /** SDK retries; 0 by default because the breaker and the fallback handle failures. */
  maxRetries?: number;
  /** SDK timeout until response headers arrive (our idle timeout covers the body); default 60 s. */
  requestTimeoutMs?: number;
  /** Name of the token limit field; some compatible servers only know the older `max_tokens`. */
  maxTokensField?: 'max_completion_tokens' | 'max_tokens';
}

/** Streams chat completions through the official SDK (works with any compatible server). */
export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const client = new OpenAI({
    apiKey: options.apiKey,
    // Explicit nulls keep the SDK from falling back to OPENAI_* environment variables.
    baseURL: options.baseURL ?? null,
    organization: options.organization ?? null,
    project: null,
    maxRetries: options.maxRetries ?? 0,
    timeout: requestTimeoutMs,
    // The SDK logs malformed chunks with console.error; we report them as typed errors instead.
    logLevel: 'off',
  });
  const maxTokensField = options.maxTokensField ?? 'max_completion_tokens';

  async function* streamChat(request: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatChunk> {
    let finishReason: string | undefined;
    let usage: ChatUsage | undefined;
    try {
      const stream = await client.chat.completions.create(
        {
          model: options.model,
          messages: request.messages.map(({ role, content }) => ({ role, content })),
          stream: true,
          stream_options: { include_usage: true },
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          ...(request.maxTokens === undefined ? {} : { [maxTokensField]: request.maxTokens }),
        },
        { signal },
      );
      for await (const chunk of stream) {
        if (!chunk || !Array.isArray(chunk.choices)) throw new LlmBadChunkError('no choices array');
        if (chunk.usage) {
          usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
        }
        const choice = chunk.choices[0];
        const text = choice?.delta?.content;
        if (typeof text === 'string' && text.length > 0) yield { type: 'delta', text };
        if (choice?.finish_reason) finishReason = choice.finish_reason;
      }
    } catch (error) {
      throw toLlmError(error, signal, requestTimeoutMs);
    }
    // The SDK ends the iteration quietly when aborted mid-stream; that is not a finished reply.
    if (signal.aborted) throw signal.reason;
    // Finish comes after the loop because the usage chunk follows the finish_reason chunk.
    if (finishReason !== undefined)
      yield usage ? { type: 'finish', reason: finishReason, usage } : { type: 'finish', reason: finishReason };
  }

  return { name: 'openai', model: options.model, streamChat };
}
