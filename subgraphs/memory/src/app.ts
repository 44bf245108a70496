import { actingUserId } from '@miyu/auth/principal';
import type { EventAdapters } from '@miyu/events/event-types';
import { createOutboxRelay } from '@miyu/events/outbox/outbox-relay';
import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import type { Loaders } from './context.ts';
import { database } from './database.ts';
import { startMemoryConsumer } from './modules/events/memory-consumer.ts';
import { englishStemmer } from './modules/lexical/english-stemmer.ts';
import { reindexStaleMemories } from './modules/lexical/memory-terms.service.ts';
import { embedderFor } from './modules/embedding/embedder-for.ts';
import { reembedStaleMemories } from './modules/embedding/memory-embeddings.service.ts';
import type { Embedder } from './modules/embedding/sif-embedder.ts';
import { type EmbeddingsConfig, loadEmbeddingsConfig } from './env.ts';
import { createMemoryLoaders } from './modules/memory/memory.loader.ts';
import { MemoryEventOutboxEntity } from './modules/outbox/memory-event.entity.ts';
import { createSummaryLoaders } from './modules/summary/conversation-summary.loader.ts';
import { memoryPermissions } from './permissions.ts';
import { buildMemorySchema } from './schema.ts';

export interface MemorySubgraphOptions {
  /** The event log: consumer group `memory` (extraction, summaries); `memory.created` goes out through the outbox. */
  events: EventAdapters;
  /** Embeddings settings (memory's env); read from the environment when omitted (the embedded stack). */
  embeddings?: EmbeddingsConfig;
  /** An embedder to use as it is (tests); wins over `embeddings`. */
  embedder?: Embedder;
}

/** How often memories without a vector of the current model are looked for (after the one at start). */
const REEMBED_EVERY_MS = 5 * 60_000;

export function createMemorySubgraph(options: MemorySubgraphOptions): SubgraphDefinition<Loaders> {
  return {
    name: 'memory',
    ...database,
    async setup({ orm, logger }) {
      // memories stored before the lexical index (or by an older analyser) become searchable again
      const reindexed = await reindexStaleMemories(orm.em.fork(), englishStemmer());
      if (reindexed > 0) logger.info({ reindexed }, 'memory terms indexed');
      const embedder = options.embedder ?? embedderFor(options.embeddings ?? loadEmbeddingsConfig(), logger);
      // the offline word vectors load now, beside the start, not inside the first message or recall that needs them
      const warmStarted = performance.now();
      const warming = (embedder.warm?.() ?? Promise.resolve())
        .then(() => logger.info({ ms: Math.round(performance.now() - warmStarted), model: embedder.model }, 'embedder ready'))
        .catch((error: unknown) =>
          logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'embedder warm-up failed'),
        );
      const relay = createOutboxRelay({
        em: () => orm.em.fork(),
        entity: MemoryEventOutboxEntity,
        userIdOf: (row) => row.userId,
        eventLog: options.events.eventLog,
        logger: logger.child({ component: 'outbox' }),
        // a commit nudges it; the poll only catches what a stopped process left
        intervalMs: 1_000,
      });
      relay.start();
      const consumer = await startMemoryConsumer({
        eventLog: options.events.eventLog,
        deadLetters: options.events.deadLetters,
        em: () => orm.em.fork(),
        logger,
        embedder,
        outboxWritten: () => relay.nudge(),
      });
      // vectors of another model (or missing after a failed request) are made again in the background
      let stopped = false;
      let reembedding: Promise<void> = Promise.resolve();
      const reembed = () => {
        reembedding = reembedStaleMemories(orm.em.fork(), embedder, () => stopped)
          .then((count) => {
            if (count > 0) logger.info({ count, model: embedder.model }, 'memories embedded');
          })
          .catch((error: unknown) =>
            logger.warn({ err: error instanceof Error ? error.message : String(error) }, 're-embedding failed'),
          );
      };
      reembed();
      const timer = setInterval(() => reembedding.then(reembed), REEMBED_EVERY_MS);
      timer.unref();
      return {
        schema: buildMemorySchema(embedder),
        permissions: memoryPermissions(),
        // loaders are bound to the acting user so every batched query filters by user_id
        createLoaders: (em, base) => {
          const userId = actingUserId(base.principal);
          return { ...createMemoryLoaders(em, userId), ...createSummaryLoaders(em, userId) };
        },
        close: async () => {
          stopped = true;
          clearInterval(timer);
          await warming;
          await reembedding;
          await consumer.stop();
          await relay.stop();
        },
      };
    },
  };
}
