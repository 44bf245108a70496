import { runService } from '@miyu/graphql/main-helper';
import { startSubgraph } from '@miyu/graphql/subgraph-service';
import { createIdentitySubgraph } from './app.ts';
import { loadIdentityEnv } from './env.ts';

await runService('identity', async () => {
  const env = loadIdentityEnv();
  return startSubgraph(createIdentitySubgraph({ userTokenTtlSeconds: env.userTokenTtlSeconds }), env.runtime, env);
});
