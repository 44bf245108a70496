import { createEventAdapters } from '@miyu/events/create-event-adapters';
import { runService } from '@miyu/graphql/main-helper';
import { startSubgraph } from '@miyu/graphql/subgraph-service';
import { createLogger } from '@miyu/platform/logger';
import { createConversationSubgraph } from './app.ts';
import { withConversationAccountDeletion } from './modules/account/account-deletion.ts';
import { loadConversationEnv } from './env.ts';

await runService('conversation', async () => {
  const env = loadConversationEnv();
  const logger = createLogger({ service: 'conversation', level: env.runtime.logLevel });
  const events = createEventAdapters({ redisUrl: env.redisUrl, logger });
  const subgraph = await startSubgraph(
    withConversationAccountDeletion(
      createConversationSubgraph({
        events,
        llm: env.llm,
        router: { url: () => env.routerUrl, serviceSecret: env.pipelineServiceSecret },
        replyContext: env.replyContext,
      }),
      events,
    ),
    env.runtime,
    { ...env, logger },
  );
  return {
    ...subgraph,
    async close() {
      await subgraph.close();
      await events.close();
    },
  };
});
