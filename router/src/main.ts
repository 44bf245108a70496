import { runService } from '@miyu/graphql/main-helper';
import { loadRouterEnv } from './env.ts';
import { startRouter } from './router.ts';

await runService('router', async () => {
  const env = loadRouterEnv();
  return startRouter(env.config, { port: env.port, host: env.host });
});
