import { createEventAdapters } from '@miyu/events/create-event-adapters';
import { runService } from '@miyu/graphql/main-helper';
import { startSubgraph } from '@miyu/graphql/subgraph-service';
import { createLogger } from '@miyu/platform/logger';
import { createMemorySubgraph } from './app.ts';
import { withMemoryAccountDeletion } from './modules/account/account-tables.ts';
import { loadMemoryEnv } from './env.ts';

await runService('memory', async () => {
  const env = loadMemoryEnv();
  const logger = createLogger({ service: 'memory', level: env.runtime.logLevel });
  const events = createEventAdapters({ redisUrl: env.redisUrl, logger });
  const subgraph = await startSubgraph(
    withMemoryAccountDeletion(createMemorySubgraph({ events, embeddings: env.embeddings }), events),
    env.runtime,
    {
      ...env,
      logger,
    },
  );
  return {
    async close() {
      // the consumer stops with the subgraph, before the adapters it reads from
      await subgraph.close();
      await events.close();
    },
  };
});
