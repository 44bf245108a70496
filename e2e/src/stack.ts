import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { databaseTargetFor } from '@miyu/db/database-config';
import { ephemeralKeyring, type Keyring } from '@miyu/db/encryption/keyring';
import { resolveKeyring } from '@miyu/db/encryption/keyring-config';
import { createQueryCounter, type QueryCounter } from '@miyu/db/query-counter';
import { type RunningStack, startStack } from '@miyu/stack/start-stack';
import { DEFAULT_LLM_RESILIENCE, type LlmConfig } from '@miyu/llm/llm-config';
import { testEnv } from '@miyu/testing/env';
import { type GraphqlResponse, graphqlRequest } from '@miyu/testing/graphql-request';
import { freshDatabaseTarget } from '@miyu/testing/test-database';
import type { RouterConfig } from '@miyu/router/env';
import { startWithOneRetry } from './start-with-retry.ts';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
export const WORKER_SECRET = `worker-${randomBytes(24).toString('hex')}`;
export const X_WORKER_SECRET = `x-worker-${randomBytes(24).toString('hex')}`;

export interface E2eStack extends RunningStack {
  counters: Record<string, QueryCounter>;
  /** POST a GraphQL operation to the router, optionally with a bearer credential. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    bearer?: string,
  ): Promise<GraphqlResponse<T>>;
  signUp(name: string): Promise<{ token: string; userId: string }>;
}

/** The whole platform as `npm start` runs it, on free ports and fresh databases, driven over HTTP. */
export interface E2eStackOptions {
  userTokenTtlSeconds?: number;
  routerOverrides?: Partial<RouterConfig>;
  /** The router's configuration as `npm start` reads it (configuration tests); default: the router's defaults. */
  router?: RouterConfig;
  llm?: LlmConfig;
  /** Keep embedded databases in this folder (restart tests); default: fresh in-memory ones. */
  dataDir?: string;
  /** Another supergraph file (reload tests); default: the committed one. */
  supergraphPath?: string;
  /** The encryption keys; default: the data folder's key file as npm start makes it, or one fresh key. */
  keyring?: Keyring;
}

export async function startE2eStack(options: E2eStackOptions = {}): Promise<E2eStack> {
  const names = ['identity', 'personality', 'memory', 'quest', 'conversation'];
  const counters = Object.fromEntries(names.map((name) => [name, createQueryCounter()]));
  const keyring =
    options.keyring ??
    (options.dataDir
      ? resolveKeyring({ configured: undefined, dataDir: options.dataDir, allowKeyFile: true, service: 'e2e' }).keyring
      : ephemeralKeyring());
  const start = (progress: string[]) =>
    startStack({
      keyring,
      subgraphs: {
        userTokenTtlSeconds: options.userTokenTtlSeconds ?? 3600,
        moodHalfLifeMs: 6 * 3_600_000,
        llm: options.llm ?? { openai: { model: 'offline' }, resilience: DEFAULT_LLM_RESILIENCE },
      },
      databaseFor: (name) =>
        // a data folder is laid out as npm start lays it: one PGlite, one schema (and role) per subgraph
        options.dataDir && !testEnv().DATABASE_URL
          ? databaseTargetFor(name, { dataDir: options.dataDir })
          : freshDatabaseTarget(name),
      supergraph: { path: options.supergraphPath ?? SUPERGRAPH_PATH },
      port: 0,
      logLevel: testEnv().MIYU_TEST_LOG_LEVEL,
      graphiql: true,
      serviceCredentials: [
        { name: 'telegram', secret: WORKER_SECRET },
        { name: 'x', secret: X_WORKER_SECRET },
      ],
      queryCounters: counters,
      redisUrl: testEnv().REDIS_URL,
      ...(options.router ? { router: options.router } : {}),
      // tests fire many requests from one user; the limiter has its own tests (and a given configuration keeps its own)
      routerOverrides: options.router
        ? options.routerOverrides
        : { rateLimit: { capacity: 100_000, refillPerSecond: 100_000 }, ...options.routerOverrides },
      onProgress: (step) => progress.push(step),
    });
  const stack = await startWithOneRetry(start, { retryable: options.dataDir === undefined });
  const gql: E2eStack['gql'] = (query, variables = {}, bearer) =>
    graphqlRequest(stack.url, query, variables, bearer ? { authorization: `Bearer ${bearer}` } : {});
  return {
    ...stack,
    counters,
    gql,
    async signUp(name) {
      const email = `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`;
      const response = await gql<{ signUp: { token: string; user: { id: string } } }>(
        'mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }',
        { input: { email, password: 'correct horse battery', displayName: name } },
      );
      if (!response.data) throw new Error(`sign-up failed: ${JSON.stringify(response.errors)}`);
      return { token: response.data.signUp.token, userId: response.data.signUp.user.id };
    },
  };
}
