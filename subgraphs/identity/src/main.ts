import { createEventAdapters } from '@miyu/events/create-event-adapters';
import { runService } from '@miyu/graphql/main-helper';
import { startSubgraph } from '@miyu/graphql/subgraph-service';
import { createLogger } from '@miyu/platform/logger';
import { createIdentitySubgraph } from './app.ts';
import { loadIdentityEnv } from './env.ts';

await runService('identity', async () => {
  const env = loadIdentityEnv();
  const logger = createLogger({ service: 'identity', level: env.runtime.logLevel });
  const events = createEventAdapters({ redisUrl: env.redisUrl, logger });
  const subgraph = await startSubgraph(
    createIdentitySubgraph({ userTokenTtlSeconds: env.userTokenTtlSeconds, events }),
    env.runtime,
    { ...env, logger },
  );
  return {
    async close() {
      // the consumers and the outbox relay stop with the subgraph, before the adapters they use
      await subgraph.close();
      await events.close();
    },
  };
});
