/** How much context a reply gets (REPLY_CONTEXT_TOKENS, REPLY_HISTORY_MESSAGES, REPLY_CONTEXT_TIMEOUT_MS). */
export interface ReplyContextSettings {
  /** Most tokens the prompt may use, counted with gpt-tokenizer. */
  tokenBudget: number;
  /** Recent messages read for the prompt; the budget may keep fewer. */
  historyMessages: number;
  /** Longest wait for the context query before the reply goes out with the minimal context. */
  timeoutMs: number;
}

/** Tokens a prompt may use when no budget is configured. */
export const DEFAULT_CONTEXT_TOKENS = 6_000;
export const DEFAULT_HISTORY_MESSAGES = 40;
/** Default longest wait for the context query before the reply goes out with the minimal context. */
export const DEFAULT_CONTEXT_TIMEOUT_MS = 5_000;

export const DEFAULT_REPLY_CONTEXT: ReplyContextSettings = {
  tokenBudget: DEFAULT_CONTEXT_TOKENS,
  historyMessages: DEFAULT_HISTORY_MESSAGES,
  timeoutMs: DEFAULT_CONTEXT_TIMEOUT_MS,
};
