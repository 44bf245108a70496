import { createEventAdapters } from '@miyu/events/create-event-adapters';
import { runService } from '@miyu/graphql/main-helper';
import { startSubgraph } from '@miyu/graphql/subgraph-service';
import { createLogger } from '@miyu/platform/logger';
import { createQuestSubgraph } from './app.ts';
import { withQuestAccountDeletion } from './modules/account/account-tables.ts';
import { loadQuestEnv } from './env.ts';

await runService('quest', async () => {
  const env = loadQuestEnv();
  const logger = createLogger({ service: 'quest', level: env.runtime.logLevel });
  const events = createEventAdapters({ redisUrl: env.redisUrl, logger });
  const subgraph = await startSubgraph(withQuestAccountDeletion(createQuestSubgraph({ events }), events), env.runtime, {
    ...env,
    logger,
  });
  return {
    async close() {
      // the consumer and the outbox relay stop with the subgraph, before the adapters they use
      await subgraph.close();
      await events.close();
    },
  };
});
