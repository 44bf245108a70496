import type { ChatChunk, ChatRequest, LlmProvider, ReplyContext } from './llm-provider.ts';
import { composeOfflineReply } from './offline/reply-composer.ts';

export const OFFLINE_MODEL = 'miyu-offline-1';

/**
 * The pace `npm start` gives the offline provider (LLM_OFFLINE_WORD_DELAY_MS): about 30 ms a word
 * reads as typing. Code that builds an LlmConfig itself (tests, benches) gets 0 unless it asks.
 */
export const DEFAULT_OFFLINE_WORD_DELAY_MS = 30;

export interface OfflineProviderOptions {
  /** Pause between words, so the stream reads as typed; 0 (default here) streams at once. */
  wordDelayMs?: number;
}

/**
 * A provider that needs no network: it composes a deterministic reply from the ReplyContext.
 * Its model name is always 'miyu-offline-1' so stored replies and clients can tell it apart.
 */
export function createOfflineProvider(options: OfflineProviderOptions = {}): LlmProvider {
  const wordDelayMs = options.wordDelayMs ?? 0;

  async function* streamChat(request: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatChunk> {
    const reply = composeOfflineReply(request.context ?? contextFromMessages(request));
    const words = reply.split(' ').filter((word) => word.length > 0);
    for (const [index, word] of words.entries()) {
      if (signal.aborted) throw signal.reason;
      if (wordDelayMs > 0) await sleep(wordDelayMs, signal);
      // The space travels with the word so concatenated deltas equal the reply exactly.
      yield { type: 'delta', text: index < words.length - 1 ? `${word} ` : word };
    }
    if (signal.aborted) throw signal.reason;
    const promptTokens = request.messages.reduce((sum, message) => sum + countWords(message.content), 0);
    yield { type: 'finish', reason: 'stop', usage: { promptTokens, completionTokens: words.length } };
  }

  return { name: 'offline', model: OFFLINE_MODEL, streamChat };
}

/** Without pipeline context we still answer the last user message, as a neutral companion. */
function contextFromMessages(request: ChatRequest): ReplyContext {
  const lastUser = request.messages.findLast((message) => message.role === 'user');
  return {
    persona: { name: 'Miyu', description: 'A friendly companion.', greeting: '' },
    mode: 'CASUAL',
    memories: [],
    userMessage: lastUser?.content ?? '',
    history: request.messages.filter((message) => message.role !== 'system'),
  };
}

function countWords(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
