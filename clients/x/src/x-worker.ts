import { join } from 'node:path';
import { createLogger, type Logger } from '@miyu/platform/logger';
import { startOpsServer } from '@miyu/platform/ops-server';
import { ReplyWaitAbortedError } from '@miyu/sdk/complete-reply';
import { createSessionCache } from '@miyu/sdk/session-cache';
import { ApiResponseError } from 'twitter-api-v2';
import { answerMention } from './answer/answer-mention.ts';
import type { XWorkerConfig } from './env.ts';
import { createXMetrics } from './ops/x-metrics.ts';
import { createXState } from './state/x-state.ts';
import { abortableSleep } from './x-api/abortable-sleep.ts';
import { backoffAfter429, createXApi, isRateLimited, type Mention, untilResetMs } from './x-api/x-api.ts';

export interface XWorkerDeps {
  logger?: Logger;
  now?: () => number;
}

class StoppedError extends Error {}

/**
 * MIYU's X worker: polls her mentions every X_POLL_INTERVAL_SECONDS (waiting longer when
 * x-rate-limit-remaining reaches 0 or X answers 429), answers each as a numbered thread of replies
 * and keeps since_id and unfinished answers in `<MIYU_DATA_DIR>/x/state.json`. It talks to the
 * router as an ordinary GraphQL client with its service credential and platformSession (TWITTER).
 */
export function createXWorker(config: XWorkerConfig, deps: XWorkerDeps = {}) {
  const logger = deps.logger ?? createLogger({ service: 'x', level: config.logLevel });
  const now = deps.now ?? Date.now;
  const metrics = createXMetrics();
  const api = createXApi(config);
  const state = createXState(join(config.stateDir, 'state.json'));
  const sessions = createSessionCache({ routerUrl: config.routerUrl, serviceSecret: config.serviceSecret, platform: 'TWITTER' });
  const stopping = new AbortController();
  let me: { id: string; username: string } | undefined;
  let loop: Promise<void> | undefined;
  let ops: Awaited<ReturnType<typeof startOpsServer>> | undefined;

  /** Runs one X call, waiting out 429s (until x-rate-limit-reset, else with a growing pause). */
  async function withRateLimit<T>(endpoint: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      if (stopping.signal.aborted) throw new StoppedError();
      try {
        return await call();
      } catch (error) {
        if (error instanceof ApiResponseError) metrics.apiErrors.inc({ endpoint, code: String(error.code) });
        if (!isRateLimited(error)) throw error;
        const waitMs = backoffAfter429(error, attempt, now());
        logger.warn({ endpoint, waitMs }, 'X answered 429; waiting for the rate-limit window');
        await abortableSleep(waitMs, stopping.signal);
      }
    }
  }

  const answerParts = {
    sessions,
    state,
    metrics,
    logger,
    dryRun: config.dryRun,
    signal: stopping.signal,
    post: (text: string, toTweetId: string) => withRateLimit('POST /2/tweets', () => api.reply(text, toTweetId)),
  };

  async function handle(mention: Mention): Promise<void> {
    const started = performance.now();
    try {
      await answerMention(answerParts, mention);
      state.finish(mention.id);
      metrics.replyLatency.observe((performance.now() - started) / 1000);
    } catch (error) {
      // a stop mid-answer leaves the mention unfinished: the next start continues its thread
      if (stopping.signal.aborted || error instanceof ReplyWaitAbortedError || error instanceof StoppedError)
        throw new StoppedError();
      metrics.mentions.inc({ outcome: 'failed' });
      logger.error({ err: error, mentionId: mention.id }, 'answering a mention failed');
      state.finish(mention.id);
    }
  }

  /** One poll: the mentions after since_id, recorded, then answered oldest first; returns the pause before the next. */
  async function pollOnce(userId: string): Promise<number> {
    const page = await withRateLimit('GET /2/users/:id/mentions', () => api.mentions(userId, state.sinceId));
    const fresh = state.receive(
      page.mentions.filter((mention) => mention.authorId !== userId),
      page.newestId,
    );
    for (const mention of fresh) await handle(mention);
    return Math.max(config.pollIntervalMs, untilResetMs(page.rateLimit, now()));
  }

  async function run(userId: string): Promise<void> {
    for (const mention of state.unfinished()) await handle(mention);
    while (!stopping.signal.aborted) {
      let pauseMs = config.pollIntervalMs;
      try {
        pauseMs = await pollOnce(userId);
      } catch (error) {
        if (error instanceof StoppedError) return;
        logger.warn({ err: error }, 'polling mentions failed; trying again');
      }
      await abortableSleep(pauseMs, stopping.signal);
    }
  }

  return {
    metrics,
    /** Where /healthz, /readyz and /metrics are served, once started. */
    opsUrl: (): string => ops?.url ?? '',
    async start(): Promise<{ url: string; username: string }> {
      me = await withRateLimit('GET /2/users/me', () => api.me());
      ops = await startOpsServer({
        port: config.port,
        host: config.host,
        metrics,
        readiness: { x: async () => Boolean(me), polling: async () => Boolean(loop) && !stopping.signal.aborted },
      });
      const userId = me.id;
      loop = run(userId).catch((error: unknown) => {
        if (!(error instanceof StoppedError)) logger.error({ err: error }, 'the X worker stopped unexpectedly');
      });
      if (config.dryRun) logger.info('X_DRY_RUN: replies are logged, not posted');
      return { url: ops.url, username: me.username };
    },
    /** Stops polling; an answer in progress stops where it is and continues on the next start. */
    async stop(): Promise<void> {
      stopping.abort();
      await loop;
      await sessions.close();
      await ops?.close();
    },
  };
}

export type XWorker = ReturnType<typeof createXWorker>;
