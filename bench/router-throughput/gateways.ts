import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../lib/free-port.ts';
import { childBaseEnv } from './env.ts';
import type { SubgraphStack } from './subgraph-stack.ts';

const APOLLO = fileURLToPath(new URL('./apollo-gateway.ts', import.meta.url));
const HIVE = fileURLToPath(new URL('./hive-gateway.ts', import.meta.url));

export const GATEWAY_NAMES = ['miyu', 'apollo', 'hive'] as const;
export type GatewayName = (typeof GATEWAY_NAMES)[number];

export interface GatewayProcess {
  name: GatewayName;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * One gateway as its own process on a free port: MIYU's router (`router/src/main.ts`, production,
 * Redis rate limiting with limits raised above the bench's load, operation limits as configured),
 * or a baseline. `nodeArgs` e.g. `--cpu-prof` for a profile.
 */
export async function startGateway(
  name: GatewayName,
  stack: SubgraphStack,
  nodeArgs: string[] = [],
  /** More environment for the child (e.g. the tracing bench's OTEL_* variables). */
  extraEnv: Record<string, string> = {},
): Promise<GatewayProcess> {
  const port = await freePort();
  const env: Record<string, string> = {
    ...childBaseEnv(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    INTERNAL_TOKEN_SECRET: stack.INTERNAL_TOKEN_SECRET,
    ...extraEnv,
  };
  let args: string[];
  if (name === 'miyu') {
    args = [join(stack.root, 'router/src/main.ts')];
    Object.assign(env, {
      PORT: String(port),
      HOST: '127.0.0.1',
      PIPELINE_SERVICE_SECRET: stack.PIPELINE_SERVICE_SECRET,
      REDIS_URL: stack.redisUrl,
      RATE_LIMIT_BURST: '10000000',
      RATE_LIMIT_PER_SECOND: '10000000',
      ...Object.fromEntries(Object.entries(stack.subgraphUrls).map(([sub, url]) => [`${sub.toUpperCase()}_URL`, url])),
    });
  } else {
    args = [name === 'apollo' ? APOLLO : HIVE, String(port), stack.supergraphPath, stack.jwksUrl];
  }
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitAnswers(child, url, name);
  return {
    name,
    url,
    pid: child.pid as number,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Ready when `{ __typename }` is answered with 200. */
async function waitAnswers(child: ChildProcess, url: string, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} gateway exited with ${child.exitCode}`);
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${name} gateway did not answer`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
