import { join } from 'node:path';
import { autoRetry } from '@grammyjs/auto-retry';
import { type RunnerHandle, sequentialize } from '@grammyjs/runner';
import { Bot, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import { createLogger, type Logger } from '@miyu/platform/logger';
import type { TelegramWorkerConfig } from './env.ts';
import { installCallbacks } from './handlers/callbacks.ts';
import { BOT_COMMANDS, installCommands } from './handlers/commands.ts';
import { KIND_ANSWERS } from './handlers/kind-answers.ts';
import { createMessageHandler } from './handlers/message-handler.ts';
import type { WorkerParts } from './handlers/worker-context.ts';
import { createConversationMap } from './miyu/conversation-map.ts';
import { createSessionCache } from '@miyu/sdk/session-cache';
import { startOpsServer } from '@miyu/platform/ops-server';
import { createTelegramMetrics } from './ops/telegram-metrics.ts';
import { startJournaledRunner } from './polling/journaled-runner.ts';
import { createWebhookRoute } from './polling/webhook-route.ts';
import { isUnreachable } from './reply/bot-api-errors.ts';
import { createChatThrottle } from './reply/chat-throttle.ts';
import { createReplyStreamer, ReplyAbortedError } from './reply/reply-streamer.ts';
import { createUpdateJournal } from './state/update-journal.ts';

export interface TelegramWorkerDeps {
  logger?: Logger;
}

/**
 * MIYU's Telegram worker: grammY (auto-retry on 429/5xx, runner with per-chat order) talking to
 * the router as an ordinary GraphQL client. `start` connects (getMe, setMyCommands, polling or
 * webhook) and serves health and metrics; `stop` stops taking updates and leaves unfinished ones
 * in the journal for the next start.
 */
export function createTelegramWorker(config: TelegramWorkerConfig, deps: TelegramWorkerDeps = {}) {
  const logger = deps.logger ?? createLogger({ service: 'telegram', level: config.logLevel });
  const metrics = createTelegramMetrics();
  const bot = new Bot(config.botToken, { client: { apiRoot: config.apiRoot } });
  bot.api.config.use(async (previous, method, payload, signal) => {
    const result = await previous(method, payload, signal);
    if (!result.ok) metrics.apiErrors.inc({ method, code: String(result.error_code) });
    return result;
  });
  // outermost, so every attempt passes through the counter above; waits out any retry_after
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5 }));

  const journal = createUpdateJournal(join(config.stateDir, 'state.json'));
  const sessions = createSessionCache({ routerUrl: config.routerUrl, serviceSecret: config.serviceSecret, platform: 'TELEGRAM' });
  const throttle = createChatThrottle({ intervalMs: config.editIntervalMs });
  const stopping = new AbortController();
  const drafts = { enabled: config.drafts };
  const parts: WorkerParts = {
    api: bot.api,
    sessions,
    conversations: createConversationMap(journal),
    journal,
    metrics,
    logger,
    drafts,
    stopping: stopping.signal,
    receivedAt: new Map(),
    streamReply: createReplyStreamer({
      api: bot.api,
      throttle,
      onDraftsUnsupported: () => {
        drafts.enabled = false;
        logger.info('sendMessageDraft is not offered; streaming by editing messages');
      },
    }),
  };

  bot.use(sequentialize((ctx) => (ctx.chat ? String(ctx.chat.id) : ctx.from ? `user:${ctx.from.id}` : undefined)));
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof ReplyAbortedError || stopping.signal.aborted) throw error;
      if (isUnreachable(error)) {
        metrics.replies.inc({ outcome: 'unreachable' });
        logger.warn({ chatId: ctx.chat?.id, description: (error as GrammyError).description }, 'chat unreachable');
        return;
      }
      logger.error({ err: error, updateId: ctx.update.update_id }, 'update failed');
      if (ctx.chat && !(error instanceof GrammyError && error.error_code === 400 && ctx.callbackQuery))
        await ctx.reply(KIND_ANSWERS.failed).catch(() => undefined);
    }
  });
  installCommands(bot, parts);
  installCallbacks(bot, parts);
  bot.on('edited_message', async (ctx) => {
    metrics.updates.inc({ kind: 'unsupported' });
    if (ctx.chat.type === 'private' && !ctx.from?.is_bot) await ctx.reply(KIND_ANSWERS.edited);
  });
  bot.on('message', createMessageHandler(parts));

  const inFlight = new Set<Promise<void>>();
  function handle(update: Update): Promise<void> {
    const task = handleOne(update).finally(() => inFlight.delete(task));
    inFlight.add(task);
    return task;
  }

  async function handleOne(update: Update): Promise<void> {
    parts.receivedAt.set(update.update_id, performance.now());
    try {
      await bot.handleUpdate(update);
      journal.finish(update.update_id);
    } catch (error) {
      // a stop mid-reply leaves the update in the journal: the next start finishes it
      if (stopping.signal.aborted) return;
      journal.finish(update.update_id);
      logger.error({ err: error, updateId: update.update_id }, 'update handling failed');
    } finally {
      parts.receivedAt.delete(update.update_id);
    }
  }

  let runner: RunnerHandle | undefined;
  let ops: Awaited<ReturnType<typeof startOpsServer>> | undefined;

  return {
    metrics,
    bot,
    /** Where /healthz, /readyz and /metrics (and the webhook) are served, once started. */
    opsUrl: (): string => ops?.url ?? '',
    async start(): Promise<{ url: string; username: string }> {
      await bot.init();
      await bot.api.setMyCommands([...BOT_COMMANDS]);
      const webhook =
        config.mode === 'webhook' && config.webhook
          ? createWebhookRoute({
              secret: config.webhook.secret,
              journal,
              handle: (update) => void handle(update),
            })
          : undefined;
      ops = await startOpsServer({
        port: config.port,
        host: config.host,
        metrics,
        readiness: { telegram: async () => Boolean(bot.botInfo), polling: async () => !runner || runner.isRunning() },
        ...(webhook ? { extra: webhook } : {}),
      });
      if (config.mode === 'webhook' && config.webhook) {
        await bot.api.setWebhook(config.webhook.url, { secret_token: config.webhook.secret });
        for (const update of journal.unfinished()) void handle(update);
      } else {
        await bot.api.deleteWebhook();
        runner = startJournaledRunner({
          bot,
          journal,
          handle,
          pollTimeoutSeconds: config.pollTimeoutSeconds ?? 30,
          onError: async (error) => logger.error({ err: error }, 'update sink failed'),
          onPollError: async (error) => logger.warn({ err: error }, 'getUpdates failed; retrying'),
        });
      }
      return { url: ops.url, username: bot.botInfo.username };
    },
    /** Stops taking updates; replies in progress stop where they are and resume on the next start. */
    async stop(): Promise<void> {
      stopping.abort();
      await runner?.stop();
      // replies in progress end at their next step (the abort), leaving their journal entries
      await Promise.all(inFlight);
      await sessions.close();
      await ops?.close();
    },
  };
}

export type TelegramWorker = ReturnType<typeof createTelegramWorker>;
