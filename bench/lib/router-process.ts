import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitChildReady } from './wait-child-ready.ts';
import { SUPERGRAPH_PATH } from './latency-stack.ts';
import { freePort } from './free-port.ts';

const ROUTER_MAIN = fileURLToPath(new URL('../../router/src/main.ts', import.meta.url));

export interface RouterProcessSettings {
  internalTokenSecret: string;
  pipelineSecret: string;
  subgraphUrls: Record<string, string>;
  logLevel: string;
}

/**
 * `node router/src/main.ts` as a production router process (NODE_ENV=production), configured
 * only through its environment, with caps and rate limits raised above the bench's load.
 */
export async function startRouterProcess(settings: RouterProcessSettings) {
  const port = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: settings.logLevel,
    PORT: String(port),
    HOST: '127.0.0.1',
    SUPERGRAPH_PATH,
    INTERNAL_TOKEN_SECRET: settings.internalTokenSecret,
    PIPELINE_SERVICE_SECRET: settings.pipelineSecret,
    SUBSCRIPTIONS_PER_CONNECTION: '1000',
    SUBSCRIPTIONS_PER_PROCESS: '100000',
    RATE_LIMIT_BURST: '10000000',
    RATE_LIMIT_PER_SECOND: '10000000',
    ...Object.fromEntries(Object.entries(settings.subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])),
  };
  const child: ChildProcess = spawn(process.execPath, [ROUTER_MAIN], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}/graphql`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await waitChildReady(child, port, 'router', 60_000);
  return {
    pid: child.pid!,
    url,
    /** A counter or gauge from /metrics, summed over its label sets (0 when absent). */
    async metric(name: string): Promise<number> {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const lines = text.split('\n').filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`));
      return lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    },
    async stop(): Promise<void> {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type RouterProcess = Awaited<ReturnType<typeof startRouterProcess>>;
