import { subgraphEnvShape, toRuntimeConfig } from '@miyu/graphql/subgraph-env';
import { llmEnvShape, toLlmConfig } from '@miyu/llm/llm-env';
import { envFields, parseEnv } from '@miyu/platform/env-schema';
import { z } from 'zod';
import { DEFAULT_REPLY_CONTEXT } from './modules/reply/reply-context-settings.ts';

/** The reply context's variables, shared with the `npm start` launcher so each default is written once. */
export const replyContextEnvShape = {
  /** Most tokens a reply's prompt may use (gpt-tokenizer's count); what does not fit is left out, least useful first. */
  REPLY_CONTEXT_TOKENS: z.coerce.number().int().min(500).max(1_000_000).default(DEFAULT_REPLY_CONTEXT.tokenBudget),
  /** Recent messages read for a reply's prompt (the budget may keep fewer). */
  REPLY_HISTORY_MESSAGES: z.coerce.number().int().min(0).max(500).default(DEFAULT_REPLY_CONTEXT.historyMessages),
  /** Longest wait for the reply's context query; past it the reply goes out with minimal context (contextComplete: false). */
  REPLY_CONTEXT_TIMEOUT_MS: envFields.durationMs(DEFAULT_REPLY_CONTEXT.timeoutMs),
};

export function toReplyContextSettings(env: {
  REPLY_CONTEXT_TOKENS: number;
  REPLY_HISTORY_MESSAGES: number;
  REPLY_CONTEXT_TIMEOUT_MS: number;
}) {
  return {
    tokenBudget: env.REPLY_CONTEXT_TOKENS,
    historyMessages: env.REPLY_HISTORY_MESSAGES,
    timeoutMs: env.REPLY_CONTEXT_TIMEOUT_MS,
  };
}

const schema = z.object({
  ...subgraphEnvShape(4005),
  REDIS_URL: envFields.optionalUrl(),
  ...llmEnvShape,
  ROUTER_URL: envFields.url().default('http://127.0.0.1:4000/graphql'),
  PIPELINE_SERVICE_SECRET: z.string().min(32).optional(),
  ...replyContextEnvShape,
});

export function loadConversationEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv('conversation', schema, source);
  const llm = toLlmConfig(env);
  return {
    port: env.PORT,
    host: env.HOST,
    runtime: toRuntimeConfig('conversation', env),
    redisUrl: env.REDIS_URL,
    llm,
    routerUrl: env.ROUTER_URL,
    pipelineServiceSecret: env.PIPELINE_SERVICE_SECRET,
    replyContext: toReplyContextSettings(env),
  };
}

export type ConversationEnv = ReturnType<typeof loadConversationEnv>;
