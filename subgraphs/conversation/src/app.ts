import { actingUserId } from '@miyu/auth/principal';
import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import { selectProviders } from '@miyu/llm/llm-config';
import { createLlmMetrics } from '@miyu/llm/llm-metrics';
import type { Loaders } from './context.ts';
import { database } from './database.ts';
import { createConversationLoaders } from './modules/conversation/conversation.loader.ts';
import { createMessageLoaders } from './modules/message/message.loader.ts';
import { createOutboxRelay } from './modules/outbox/outbox-relay.ts';
import { DEFAULT_REPLY_CONTEXT } from './modules/reply/reply-context-settings.ts';
import { createReplyContextMetrics } from './modules/reply/reply-context-metrics.ts';
import { createReplyPipeline } from './modules/reply/reply-pipeline.ts';
import { createFinalMessageReader } from './modules/reply/reply-stream.ts';
import type { ConversationOptions } from './options.ts';
import { conversationPermissions } from './permissions.ts';
import { buildConversationSchema } from './schema.ts';

export type { ConversationOptions } from './options.ts';

const RECOVERY_WINDOW_MS = 24 * 60 * 60_000;

export function createConversationSubgraph(options: ConversationOptions): SubgraphDefinition<Loaders> {
  const now = options.now ?? (() => new Date());
  return {
    name: 'conversation',
    ...database,
    async setup({ orm, logger, metrics }) {
      const { events } = options;
      const relay = createOutboxRelay({
        orm,
        events,
        logger: logger.child({ component: 'outbox' }),
        intervalMs: options.outboxPollMs ?? 250,
        batchWindowMs: options.outboxBatchWindowMs,
      });
      const replies = createReplyPipeline({
        orm,
        events,
        providers: { ...selectProviders(options.llm), metrics: createLlmMetrics(metrics) },
        router: options.router,
        outbox: relay,
        logger: logger.child({ component: 'reply' }),
        coalesceMs: options.coalesceMs ?? 50,
        concurrency: options.replyConcurrency ?? options.llm.resilience.maxConcurrent,
        now,
        recoveryWindowMs: RECOVERY_WINDOW_MS,
        context: { ...DEFAULT_REPLY_CONTEXT, ...options.replyContext },
        contextMetrics: createReplyContextMetrics(metrics),
      });
      const recovered = await replies.run();
      relay.start();
      if (recovered > 0) logger.info({ recovered }, 're-enqueued unfinished replies');
      return {
        schema: buildConversationSchema({
          now,
          onOutboxWrite: relay.nudge,
          replies,
          orm,
          replyStreams: events.replyStreams,
          readFinalMessage: createFinalMessageReader(orm),
        }),
        permissions: conversationPermissions(),
        createLoaders: (em, base) => {
          const userId = actingUserId(base.principal);
          return { ...createConversationLoaders(em, userId), ...createMessageLoaders(em, userId) };
        },
        readiness: { events: () => events.eventLog.ready() },
        async close() {
          // Aborts generation at once, then lets running jobs finish (aborted generation ends
          // quickly) while the relay stops; the adapters stay the caller's.
          const repliesClosed = replies.close();
          await relay.stop();
          await repliesClosed;
        },
      };
    },
  };
}
