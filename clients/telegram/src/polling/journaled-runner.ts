import type { Bot } from 'grammy';
import { createConcurrentSink, createRunner, createSource, type RunnerHandle } from '@grammyjs/runner';
import type { Update } from 'grammy/types';
import type { UpdateJournal } from '../state/update-journal.ts';

export interface JournaledRunnerOptions {
  bot: Bot;
  journal: UpdateJournal;
  /** Handles one update (the bot's middleware, wrapped by the worker). */
  handle(update: Update): Promise<void>;
  onError(error: unknown): Promise<void>;
  /** A failed getUpdates (after auto-retry gave up on it); polling goes on with a backoff. */
  onPollError(error: unknown): Promise<void>;
  pollTimeoutSeconds: number;
}

/**
 * grammY's runner (concurrent sink; per-chat order comes from `sequentialize` in the middleware)
 * fed by a supplier that journals every batch before handing it on and polls from the journal's
 * offset. The first batch is whatever a previous run left unfinished.
 */
export function startJournaledRunner(options: JournaledRunnerOptions): RunnerHandle {
  const { bot, journal } = options;
  let replayed = false;
  const source = createSource({
    async supply(batchSize, signal) {
      await bot.init();
      if (!replayed) {
        replayed = true;
        const unfinished = journal.unfinished();
        if (unfinished.length > 0) return unfinished;
      }
      for (let retryMs = 100; ; retryMs = Math.min(retryMs * 2, 30_000)) {
        try {
          const updates = await bot.api.getUpdates(
            { offset: journal.offset, limit: Math.max(1, Math.min(batchSize, 100)), timeout: options.pollTimeoutSeconds },
            signal,
          );
          return journal.receive(updates);
        } catch (error) {
          if (signal.aborted) throw error;
          await options.onPollError(error);
          await new Promise((resolve) => setTimeout(resolve, retryMs));
        }
      }
    },
  });
  const sink = createConcurrentSink({ consume: (update: Update) => options.handle(update) }, options.onError);
  const runner = createRunner(source, sink);
  runner.start();
  return runner;
}
