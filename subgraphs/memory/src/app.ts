import { actingUserId } from '@miyu/auth/principal';
import type { EventAdapters } from '@miyu/events/event-types';
import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import type { Loaders } from './context.ts';
import { database } from './database.ts';
import { startMemoryConsumer } from './modules/events/memory-consumer.ts';
import { englishStemmer } from './modules/lexical/english-stemmer.ts';
import { reindexStaleMemories } from './modules/lexical/memory-terms.service.ts';
import { createMemoryLoaders } from './modules/memory/memory.loader.ts';
import { createSummaryLoaders } from './modules/summary/conversation-summary.loader.ts';
import { memoryPermissions } from './permissions.ts';
import { buildMemorySchema } from './schema.ts';

export interface MemorySubgraphOptions {
  /** The event log: consumer group `memory` (extraction, summaries); `memory.created` is appended to it. */
  events: EventAdapters;
}

export function createMemorySubgraph(options: MemorySubgraphOptions): SubgraphDefinition<Loaders> {
  return {
    name: 'memory',
    ...database,
    async setup({ orm, logger }) {
      // memories stored before the lexical index (or by an older analyser) become searchable again
      const reindexed = await reindexStaleMemories(orm.em.fork(), englishStemmer());
      if (reindexed > 0) logger.info({ reindexed }, 'memory terms indexed');
      const consumer = await startMemoryConsumer({ eventLog: options.events.eventLog, em: () => orm.em.fork(), logger });
      return {
        schema: buildMemorySchema(),
        permissions: memoryPermissions(),
        // loaders are bound to the acting user so every batched query filters by user_id
        createLoaders: (em, base) => {
          const userId = actingUserId(base.principal);
          return { ...createMemoryLoaders(em, userId), ...createSummaryLoaders(em, userId) };
        },
        close: () => consumer.stop(),
      };
    },
  };
}
