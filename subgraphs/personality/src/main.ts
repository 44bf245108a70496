import { createEventAdapters } from '@miyu/events/create-event-adapters';
import { runService } from '@miyu/graphql/main-helper';
import { startSubgraph } from '@miyu/graphql/subgraph-service';
import { createLogger } from '@miyu/platform/logger';
import { createPersonalitySubgraph } from './app.ts';
import { withPersonalityAccountDeletion } from './modules/account/account-tables.ts';
import { loadPersonalityEnv } from './env.ts';

await runService('personality', async () => {
  const env = loadPersonalityEnv();
  const logger = createLogger({ service: 'personality', level: env.runtime.logLevel });
  const events = createEventAdapters({ redisUrl: env.redisUrl, logger });
  const subgraph = await startSubgraph(
    withPersonalityAccountDeletion(createPersonalitySubgraph({ moodHalfLifeMs: env.moodHalfLifeMs, events }), events),
    env.runtime,
    {
      ...env,
      logger,
    },
  );
  return {
    async close() {
      // the consumers stop with the subgraph, before the adapters they read from
      await subgraph.close();
      await events.close();
    },
  };
});
