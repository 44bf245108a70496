import { runService } from '@miyu/graphql/main-helper';
import { loadTelegramEnv } from './env.ts';
import { createTelegramWorker } from './telegram-worker.ts';

await runService('telegram', async () => {
  const worker = createTelegramWorker(loadTelegramEnv());
  const { url, username } = await worker.start();
  console.log(`MIYU's Telegram worker is running as @${username}; health and metrics on ${url}`);
  return { close: () => worker.stop() };
});
