import { actingUserId } from '@miyu/auth/principal';
import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import { selectProviders } from '@miyu/llm/llm-config';
import type { Loaders } from './context.ts';
import { database } from './database.ts';
import { createConversationLoaders } from './modules/conversation/conversation.loader.ts';
import { createMessageLoaders } from './modules/message/message.loader.ts';
import { createOutboxRelay } from './modules/outbox/outbox-relay.ts';
import { createContextPrefetch } from './modules/reply/context-prefetch.ts';
import { gatherReplyContext } from './modules/reply/reply-context.ts';
import { createReplyJob } from './modules/reply/reply-job.ts';
import { createFinalMessageReader } from './modules/reply/reply-stream.ts';
import { REPLY_JOB_ATTEMPTS, REPLY_JOB_BACKOFF_MS, REPLY_QUEUE, type ReplyJobData } from './modules/reply/reply-queue.ts';
import { recoverUnfinishedReplies } from './modules/reply/recover-replies.ts';
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
    async setup({ orm, logger }) {
      const { events } = options;
      const shutdown = new AbortController();
      const relay = createOutboxRelay({
        orm,
        events,
        logger: logger.child({ component: 'outbox' }),
        intervalMs: options.outboxPollMs ?? 250,
        batchWindowMs: options.outboxBatchWindowMs,
      });
      const queue = events.jobQueue<ReplyJobData>(REPLY_QUEUE);
      const replyLogger = logger.child({ component: 'reply' });
      const prefetch = createContextPrefetch({
        gather: (request) => gatherReplyContext(options.router, request, replyLogger),
      });
      const replyJob = createReplyJob({
        orm,
        events,
        providers: selectProviders(options.llm),
        router: options.router,
        prefetch,
        logger: replyLogger,
        coalesceMs: options.coalesceMs ?? 50,
        now,
        signal: shutdown.signal,
        onOutboxWrite: () => relay.nudge(),
      });
      await queue.process(replyJob, { concurrency: options.replyConcurrency ?? options.llm.resilience.maxConcurrent });
      relay.start();
      const recovered = await recoverUnfinishedReplies(orm, queue, new Date(now().getTime() - RECOVERY_WINDOW_MS));
      if (recovered > 0) logger.info({ recovered }, 're-enqueued unfinished replies');
      return {
        schema: buildConversationSchema({
          now,
          onOutboxWrite: () => relay.nudge(),
          prefetch,
          onReplyPending: (reply) => {
            const data: ReplyJobData = { replyId: reply.id, userId: reply.userId };
            queue
              .add(data, { jobId: reply.id, attempts: REPLY_JOB_ATTEMPTS, backoffMs: REPLY_JOB_BACKOFF_MS })
              .catch((error: unknown) =>
                logger.warn({ err: error, replyId: reply.id }, 'direct enqueue failed; the outbox relay will enqueue'),
              );
          },
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
          shutdown.abort();
          await relay.stop();
          // Lets running jobs finish (aborted generation ends quickly); the adapters stay the caller's.
          await queue.close();
          prefetch.clear();
        },
      };
    },
  };
}
