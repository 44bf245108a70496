import { describe, expect, it } from 'vitest';
import { loadEmbeddedEnv } from './env.ts';

describe('npm start reads the reply context variables as the conversation service does', () => {
  it('passes REPLY_CONTEXT_TOKENS, REPLY_HISTORY_MESSAGES and REPLY_CONTEXT_TIMEOUT_MS through', () => {
    const env = loadEmbeddedEnv({ REPLY_CONTEXT_TOKENS: '2000', REPLY_HISTORY_MESSAGES: '7', REPLY_CONTEXT_TIMEOUT_MS: '1500' });
    expect(env.replyContext).toEqual({ tokenBudget: 2000, historyMessages: 7, timeoutMs: 1500 });
  });

  it('keeps the conversation service defaults when they are unset', () => {
    const env = loadEmbeddedEnv({});
    expect(env.replyContext.tokenBudget).toBe(6000);
    expect(env.replyContext.historyMessages).toBe(40);
  });
});
