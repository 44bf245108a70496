import type { Orm } from '@miyu/db/create-orm';
import type { EventAdapters } from '@miyu/events/event-types';
import { isReplyFenced } from '@miyu/events/reply-fence';
import { generateReply, type ReplyProviders } from '@miyu/llm/generate-reply';
import { describeLlmError } from '@miyu/llm/llm-errors';
import type { Logger } from '@miyu/platform/logger';
import { ConversationEntity } from '../conversation/conversation.entity.ts';
import { type MessageRow, MessageEntity } from '../message/message.entity.ts';
import { watchForCancel } from './reply-cancel-watch.ts';
import { createChunkCoalescer } from './chunk-coalescer.ts';
import { buildReplyRequest } from './prompt-builder.ts';
import type { ContextPrefetch } from './context-prefetch.ts';
import { type ContextCompleteness, gatherReplyContext, type RouterAccess } from './reply-context.ts';
import type { ReplyContextSettings } from './reply-context-settings.ts';
import { formatReply } from './reply-formatter.ts';
import { claimReply, holdReplyLease } from './reply-claim.ts';
import { REPLY_CLAIM_WAIT_MS, REPLY_JOB_ATTEMPTS, REPLY_LEASE_MS, type ReplyJobData } from './reply-queue.ts';
import { isFinal, type StillOwner, storeCompletedReply, storeFailedReply } from './reply-store.ts';

export interface ReplyJobDeps {
  orm: Orm;
  events: EventAdapters;
  providers: ReplyProviders;
  router: RouterAccess;
  /** Contexts sendMessage started gathering; the job gathers its own when there is none. */
  prefetch?: Pick<ContextPrefetch, 'take'>;
  logger: Logger;
  coalesceMs: number;
  now: () => Date;
  /** Aborted on shutdown: the job stops without failing the reply (another run will finish it). */
  signal: AbortSignal;
  /** Called after a commit that staged outbox rows. */
  onOutboxWrite: () => void;
  /** The token budget, how many recent turns are read and how long the context query may take. */
  context: ReplyContextSettings;
  /** Told whether each reply's context came complete (the metric). */
  onContext?: (completeness: ContextCompleteness) => void;
}

/**
 * Generates one reply: context through the router, the LLM stream into the reply stream,
 * then the stored text. Safe to run more than once: a final reply is left alone, and a rerun
 * continues the seq numbering behind a reset chunk. The last attempt's failure marks the reply
 * FAILED and ends the stream, so no subscriber waits forever.
 */
export function createReplyJob(deps: ReplyJobDeps) {
  const { orm, events, logger } = deps;

  return async function replyJob(data: ReplyJobData, attempt: number): Promise<void> {
    const em = orm.em.fork();
    const reply = await em.findOne(MessageEntity, { id: data.replyId, userId: data.userId, role: 'ASSISTANT' });
    if (!reply || isFinal(reply)) return;
    // The prompt's rows are read while the reply is claimed; a failed read is awaited (and
    // handled) inside the try below, like every other failure of the reply.
    const inputs = readPromptInputs(reply);
    inputs.catch(() => {});
    const claimed = await claimReply(orm, events.replyStreams, reply.id, {
      leaseMs: REPLY_LEASE_MS,
      waitMs: REPLY_CLAIM_WAIT_MS,
      pollMs: 250,
      signal: deps.signal,
    });
    if (!claimed) return;
    const { fence, startSeq } = claimed;
    const lease = holdReplyLease(events.replyStreams, reply.id, fence);
    const coalescer = createChunkCoalescer({
      messageId: reply.id,
      startSeq,
      intervalMs: deps.coalesceMs,
      append: (chunk) => events.replyStreams.append(chunk, fence),
    });
    const stillOwner = () => events.replyStreams.renew(reply.id, fence);
    // cancelReply ends the stream with its own done chunk; generation stops when it arrives.
    const cancel = watchForCancel(events.replyStreams, reply.id, startSeq - 1);
    try {
      // A takeover (or retry) tells subscribers at once to drop the partial text.
      if (startSeq > 0) coalescer.reset();
      await generateAndStore(reply, inputs, coalescer, cancel, lease.signal, stillOwner);
    } catch (error) {
      coalescer.discard();
      if (cancel.signal.aborted && !deps.signal.aborted) return;
      if (lease.signal.aborted || isReplyFenced(error)) {
        logger.warn({ replyId: reply.id, attempt }, 'another replica took the reply over; this run stops');
        return;
      }
      if (deps.signal.aborted || attempt < REPLY_JOB_ATTEMPTS) throw error;
      logger.error({ err: error, replyId: reply.id, attempt }, 'reply failed on its last attempt');
      if (await storeFailedReply(orm, reply.id, describeLlmError(error), deps.now, stillOwner)) deps.onOutboxWrite();
      // Subscribers discard any partial text and stop waiting.
      cancel.finishing();
      const seq = coalescer.nextSeq();
      await events.replyStreams.append({ messageId: reply.id, seq, delta: '', done: false, reset: true }, fence);
      await events.replyStreams.append({ messageId: reply.id, seq: seq + 1, delta: '', done: true }, fence);
    } finally {
      cancel.stop();
      await lease.stop();
    }
  };

  /**
   * The rows the prompt needs, read together: the question and its reply were appended together,
   * so the history before the reply, minus the question, is the history before the question.
   */
  async function readPromptInputs(reply: MessageRow) {
    const em = orm.em.fork();
    const [question, conversation, history] = await Promise.all([
      em.findOneOrFail(MessageEntity, { id: reply.replyToId ?? '', userId: reply.userId }),
      em.findOneOrFail(ConversationEntity, { id: reply.conversationId, userId: reply.userId }),
      em.find(
        MessageEntity,
        {
          conversationId: reply.conversationId,
          userId: reply.userId,
          createdAt: { $lt: reply.createdAt },
          ...(reply.replyToId ? { id: { $ne: reply.replyToId } } : {}),
        },
        { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: deps.context.historyMessages },
      ),
    ]);
    return { question, conversation, history };
  }

  async function generateAndStore(
    reply: MessageRow,
    inputs: ReturnType<typeof readPromptInputs>,
    coalescer: ReturnType<typeof createChunkCoalescer>,
    cancel: ReturnType<typeof watchForCancel>,
    leaseLost: AbortSignal,
    stillOwner: StillOwner,
  ) {
    // The context query overlaps the reads when sendMessage already started it.
    const [{ question, conversation, history }, early] = await Promise.all([inputs, deps.prefetch?.take(reply.id)]);
    const context =
      early ??
      (await gatherReplyContext(
        deps.router,
        {
          userId: reply.userId,
          text: question.content,
          conversationId: reply.conversationId,
          timeoutMs: deps.context.timeoutMs,
        },
        logger,
      ));
    deps.onContext?.(context.completeness);
    const { report, ...request } = buildReplyRequest({
      context,
      history: history.reverse(),
      userMessage: question.content,
      tokenBudget: deps.context.tokenBudget,
    });
    logger.debug({ replyId: reply.id, prompt: report }, 'reply prompt assembled');
    const result = await generateReply(deps.providers, request, {
      signal: AbortSignal.any([deps.signal, cancel.signal, leaseLost]),
      onDelta: (delta) => coalescer.push(delta),
      onReset: (info) => {
        logger.warn({ replyId: reply.id, error: info.error }, 'primary provider failed mid-reply; restarting from the fallback');
        coalescer.reset();
      },
    });
    await coalescer.flush();
    if (result.fellBack)
      logger.warn({ replyId: reply.id, error: result.primaryError, model: result.model }, 'reply came from the fallback');
    const stored = await storeCompletedReply(
      orm,
      reply.id,
      { ...result, contextComplete: context.completeness.complete },
      formatReply(result.text, conversation.platform),
      deps.now,
      stillOwner,
    );
    if (stored) deps.onOutboxWrite();
    else if (cancel.signal.aborted) return;
    cancel.finishing();
    await coalescer.finish();
  }
}
