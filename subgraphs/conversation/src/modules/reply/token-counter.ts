import type { ChatMessage } from '@miyu/llm/llm-provider';
import { countTokens, decode, encode } from 'gpt-tokenizer';

/**
 * Tokens a chat message costs beyond its text (role and separators), as OpenAI documents for its
 * chat models; an estimate for other models, which tokenize differently anyway.
 */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** Tokens that prime the reply after the last message. */
export const REPLY_PRIMING_TOKENS = 3;

/** Tokens of a text with the o200k_base encoding (gpt-4o and later). */
export const countTextTokens = (text: string): number => (text.length === 0 ? 0 : countTokens(text));

/** Tokens a list of chat messages costs as a prompt. */
export function countPromptTokens(messages: readonly ChatMessage[]): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) total += MESSAGE_OVERHEAD_TOKENS + countTextTokens(message.content);
  return total;
}

/** The text cut to at most `maxTokens` tokens (an ellipsis marks a cut); '' when none fit. */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (maxTokens <= 0) return '';
  const tokens = encode(text);
  if (tokens.length <= maxTokens) return text;
  if (maxTokens <= 2) return '…';
  return `${decode(tokens.slice(0, maxTokens - 2)).trimEnd()}…`;
}
