import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitChildReady } from './wait-child-ready.ts';
import { Redis } from 'ioredis';
import { startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';

const LAUNCHER = fileURLToPath(new URL('../../deploy/local/start-distributed.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Router on this port, subgraphs on the next five (the launcher refuses ports in use). */
const BASE_PORT = 24_000;

/**
 * The distributed topology as `npm run start:distributed` starts it (router and the five
 * subgraphs as separate processes on PostgreSQL and Redis), with the real OpenAI SDK pointed at
 * a zero-latency fake in this process. The Redis database is flushed first, so queues and streams
 * start empty; caps and rate limits are raised above the bench's load.
 */
export async function startDistributedLatencyStack(options: { logLevel: string; databaseUrl: string; redisUrl: string }) {
  const llm = await startFakeOpenAiServer({
    behavior: { chunkDelayMs: 0, replyText: 'Hello! It is lovely to hear from you today.' },
  });
  const redis = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  await redis.flushdb();
  await redis.quit();
  const basePort = BASE_PORT;
  const child: ChildProcess = spawn(process.execPath, [LAUNCHER, '--base-port', String(basePort)], {
    cwd: ROOT,
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: options.logLevel,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      OPENAI_API_KEY: 'bench-key',
      OPENAI_BASE_URL: llm.url,
      OPENAI_MODEL: 'fake-gpt',
      SUBSCRIPTIONS_PER_CONNECTION: '1000',
      SUBSCRIPTIONS_PER_PROCESS: '100000',
      RATE_LIMIT_BURST: '10000000',
      RATE_LIMIT_PER_SECOND: '10000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${basePort}/graphql`;
  await waitChildReady(child, basePort, 'start-distributed', 180_000);
  return {
    url,
    llm,
    async close() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      await llm.close();
    },
  };
}
