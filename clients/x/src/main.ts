import { runService } from '@miyu/graphql/main-helper';
import { loadXEnv } from './env.ts';
import { createXWorker } from './x-worker.ts';

await runService('x', async () => {
  const worker = createXWorker(loadXEnv());
  const { url, username } = await worker.start();
  console.log(`MIYU's X worker is running as @${username}; health and metrics on ${url}`);
  return { close: () => worker.stop() };
});
