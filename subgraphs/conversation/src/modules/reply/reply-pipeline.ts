import type { Orm } from '@miyu/db/create-orm';
import { parseCatalogEvent } from '@miyu/events/catalog/consume-catalog';
import type { DomainEvent, EventAdapters } from '@miyu/events/event-types';
import type { ReplyProviders } from '@miyu/llm/generate-reply';
import type { Logger } from '@miyu/platform/logger';
import { extractTraceContext, traceCarrier } from '@miyu/platform/tracing/propagation';
import { withSpan } from '@miyu/platform/tracing/spans';
import type { PreparedReply, ReplyStarter } from '../message/reply-starter.ts';
import type { OutboxRelay } from '../outbox/outbox-relay.ts';
import { createContextPrefetch } from './context-prefetch.ts';
import { recoverUnfinishedReplies } from './recover-replies.ts';
import { gatherReplyContext, type RouterAccess } from './reply-context.ts';
import type { ReplyContextSettings } from './reply-context-settings.ts';
import type { createReplyContextMetrics } from './reply-context-metrics.ts';
import { createReplyJob } from './reply-job.ts';
import {
  REPLY_JOB_ATTEMPTS,
  REPLY_JOB_BACKOFF_MS,
  REPLY_JOB_LOCK_MS,
  REPLY_QUEUE,
  REPLY_SWEEP_INTERVAL_MS,
  type ReplyJobData,
} from './reply-queue.ts';
import { startUnfinishedReplySweep } from './unfinished-reply-sweep.ts';

export interface ReplyPipelineOptions {
  orm: Orm;
  events: EventAdapters;
  providers: ReplyProviders;
  router: RouterAccess;
  /** Publishes what the job commits; its published `message.created` rows start replies too. */
  outbox: Pick<OutboxRelay, 'nudge' | 'onPublished'>;
  logger: Logger;
  coalesceMs: number;
  concurrency: number;
  now: () => Date;
  /** How far back a start looks for replies a stopped process left unfinished. */
  recoveryWindowMs: number;
  /** The prompt's token budget, the recent turns read and the context query's timeout. */
  context: ReplyContextSettings;
  contextMetrics?: ReturnType<typeof createReplyContextMetrics>;
}

/**
 * The one owner of a reply's life: the queue and its retry policy, the job, the context
 * prefetch, the start after sendMessage/regenerateReply, the start from a published
 * `message.created` (the durable path) and the recovery of replies a stopped process left
 * PENDING or STREAMING. Every start goes through `enqueue`, so the job options exist once.
 */
export function createReplyPipeline(options: ReplyPipelineOptions) {
  const { orm, events, logger } = options;
  const shutdown = new AbortController();
  const queue = events.jobQueue<ReplyJobData>(REPLY_QUEUE);
  const prefetch = createContextPrefetch({
    gather: (request) => gatherReplyContext(options.router, { ...request, timeoutMs: options.context.timeoutMs }, logger),
    // as many as the jobs that can use them soon: this process runs `concurrency` replies at once
    maxGathering: Math.max(1, options.concurrency),
  });
  const job = createReplyJob({
    orm,
    events,
    providers: options.providers,
    router: options.router,
    prefetch,
    logger,
    coalesceMs: options.coalesceMs,
    now: options.now,
    signal: shutdown.signal,
    onOutboxWrite: () => options.outbox.nudge(),
    context: options.context,
    ...(options.contextMetrics ? { onContext: options.contextMetrics.record } : {}),
  });

  // the job carries the trace of the request that started it (sendMessage, or the relay's publish)
  function enqueue(data: ReplyJobData) {
    const trace = traceCarrier();
    const traced = trace ? { ...data, trace } : data;
    return queue.add(traced, { jobId: data.replyId, attempts: REPLY_JOB_ATTEMPTS, backoffMs: REPLY_JOB_BACKOFF_MS });
  }
  const tracedJob = (data: ReplyJobData, attempt: number) =>
    withSpan(
      'reply job',
      { parent: extractTraceContext(data.trace), attributes: { 'miyu.reply_id': data.replyId, 'miyu.attempt': attempt } },
      () => job(data, attempt),
    );

  /** The durable start: a published `message.created` (staged through the catalog, so it parses). */
  async function startPublished(event: DomainEvent) {
    if (event.type !== 'message.created') return;
    const parsed = parseCatalogEvent(event);
    if (!parsed.ok || parsed.event.type !== 'message.created') {
      // Not retried (it would hold every later row back); the consumers dead-letter the event.
      logger.error({ eventId: event.id, reason: parsed.ok ? 'wrong type' : parsed.reason }, 'message.created starts no reply');
      return;
    }
    await enqueue({ replyId: parsed.event.payload.replyId, userId: parsed.event.userId });
  }

  options.outbox.onPublished(startPublished);
  let sweep: { stop(): void } | undefined;

  const starter: ReplyStarter = {
    prepare: (userId, text, conversationId): PreparedReply => prefetch.start(userId, text, conversationId),
    start(reply, prepared) {
      prepared?.keep(reply.id);
      enqueue({ replyId: reply.id, userId: reply.userId }).catch((error: unknown) =>
        logger.warn({ err: error, replyId: reply.id }, 'direct enqueue failed; the outbox relay or recovery will enqueue'),
      );
    },
  };

  return {
    ...starter,
    /** Runs the jobs of this process and re-enqueues what a stopped process left unfinished. */
    async run(): Promise<number> {
      await queue.process(tracedJob, { concurrency: options.concurrency, lockMs: REPLY_JOB_LOCK_MS });
      sweep ??= startUnfinishedReplySweep({
        recover: (since, before) => recoverUnfinishedReplies(orm, since, enqueue, 500, before),
        intervalMs: REPLY_SWEEP_INTERVAL_MS,
        // past a job's retry schedule (0.5 + 1 s); a job still queued or running dedupes anyway
        minAgeMs: 10_000,
        windowMs: options.recoveryWindowMs,
        now: options.now,
        logger,
      });
      const since = new Date(options.now().getTime() - options.recoveryWindowMs);
      return recoverUnfinishedReplies(orm, since, enqueue);
    },
    /** Aborts running generations (another run finishes them) and lets the queue wind down. */
    async close() {
      sweep?.stop();
      shutdown.abort();
      await queue.close();
      prefetch.clear();
    },
  };
}

export type ReplyPipeline = ReturnType<typeof createReplyPipeline>;
