import type { EventAdapters } from '@miyu/events/event-types';
import type { LlmConfig } from '@miyu/llm/llm-config';
import type { RouterAccess } from './modules/reply/reply-context.ts';
import type { ReplyContextSettings } from './modules/reply/reply-context-settings.ts';

/** What the launcher (main.ts, the embedded stack, tests) hands the conversation subgraph. */
export interface ConversationOptions {
  /** Event log, reply streams and the reply job queue (memory or Redis). Owned by the caller. */
  events: EventAdapters;
  /** LLM providers: OpenAI when an API key is set (with the offline fallback), offline otherwise. */
  llm: LlmConfig;
  /** Where reply context comes from (one federated query acting as the user). */
  router: RouterAccess;
  /** Longest a streamed delta waits before it is published (default 50 ms). */
  coalesceMs?: number;
  /** Clock for event timestamps (tests). */
  now?: () => Date;
  /** Outbox poll interval (default 250 ms). */
  outboxPollMs?: number;
  /** How long the outbox relay gathers commits before it publishes them (default 25 ms). */
  outboxBatchWindowMs?: number;
  /** Reply jobs run at once per process (default: the LLM concurrency cap). */
  replyConcurrency?: number;
  /** The prompt's token budget, recent turns read and context query timeout (default DEFAULT_REPLY_CONTEXT). */
  replyContext?: Partial<ReplyContextSettings>;
}
