import type { EntityManager } from '@mikro-orm/core';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { DEFAULT_LLM_RESILIENCE, type LlmConfig } from '@miyu/llm/llm-config';
import { startTestSubgraph, type TestSubgraph } from '@miyu/testing/subgraph-harness';
import { type ConversationOptions, createConversationSubgraph } from './app.ts';
import { startConversation } from './modules/conversation/conversation.service.ts';
import type { Platform } from './modules/conversation/conversation.entity.ts';
import type { MessageRole } from './modules/message/message.entity.ts';
import { stageOutboxEvent } from './modules/outbox/outbox.service.ts';
import { appendMessage } from './modules/message/message.service.ts';

/** Integration-test helpers: write rows the way the service does, outside any request. */
export function seeder(harness: TestSubgraph) {
  const em = (): EntityManager => harness.orm.em.fork();
  return {
    async conversation(userId: string, title: string | null = null, platform: Platform = 'WEB'): Promise<string> {
      return (await startConversation(em(), userId, { platform, title })).id;
    },
    /** What sendMessage commits, without nudging the relay: as if the process died right after. */
    async pendingReply(userId: string, conversationId: string, content: string): Promise<{ message: string; reply: string }> {
      return em().transactional(async (tx) => {
        const message = await appendMessage(tx, { conversationId, userId, role: 'USER', content, status: 'COMPLETE' });
        const reply = await appendMessage(tx, {
          conversationId,
          userId,
          role: 'ASSISTANT',
          content: '',
          status: 'PENDING',
          replyToId: message.id,
        });
        const payload = { userId, conversationId, messageId: message.id, replyId: reply.id, content, platform: 'WEB' };
        stageOutboxEvent(tx, 'message.created', payload);
        return { message: message.id, reply: reply.id };
      });
    },
    async messages(userId: string, conversationId: string, contents: string[], role: MessageRole = 'USER'): Promise<string[]> {
      const ids: string[] = [];
      for (const content of contents) {
        ids.push((await appendMessage(em(), { conversationId, userId, role, content, status: 'COMPLETE', model: null })).id);
      }
      return ids;
    },
  };
}

export const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on User { id } ... on Conversation { id title } ... on Message { id role content status conversation { id } } } }`;

/** Options for tests: in-memory adapters, the offline LLM, no router, fast timers. */
export function testOptions(overrides: Partial<ConversationOptions> = {}): ConversationOptions {
  return {
    events: createMemoryEventAdapters(),
    llm: testLlm(),
    router: { url: () => undefined, serviceSecret: undefined },
    coalesceMs: 10,
    outboxPollMs: 50,
    ...overrides,
  };
}

/** An LLM config with timeouts small enough for fault tests; without `openai` it runs offline. */
export function testLlm(openai: Partial<LlmConfig['openai']> = {}): LlmConfig {
  return {
    openai: { model: 'fake-model', ...openai },
    resilience: {
      ...DEFAULT_LLM_RESILIENCE,
      // The breaker must not open across fault tests: each one expects the primary to be tried.
      failureThreshold: 1_000,
      firstTokenTimeoutMs: 300,
      idleChunkTimeoutMs: 300,
      overallDeadlineMs: 3_000,
    },
  };
}

/** A harness for the subgraph built from `options`; closing it also closes the event adapters. */
export async function startConversationHarness(overrides: Partial<ConversationOptions> = {}) {
  const options = testOptions(overrides);
  const harness = await startTestSubgraph(createConversationSubgraph(options));
  return {
    ...harness,
    options,
    async close() {
      await harness.close();
      await options.events.close();
    },
  };
}

export type ConversationHarness = Awaited<ReturnType<typeof startConversationHarness>>;
