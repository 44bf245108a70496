import { randomBytes } from 'node:crypto';
import { INTERNAL_TOKEN_HEADER, createInternalTokens } from '@miyu/auth/internal-token';
import type { Principal } from '@miyu/auth/principal';
import { ephemeralKeyring } from '@miyu/db/encryption/keyring';
import { createQueryCounter } from '@miyu/db/query-counter';
import { type SubgraphDefinition, startSubgraph } from '@miyu/graphql/subgraph-service';
import { createLogger } from '@miyu/platform/logger';
import { graphqlRequest } from './graphql-request.ts';
import { testEnv } from './env.ts';
import { freshDatabaseTarget } from './test-database.ts';

/**
 * Starts one subgraph on a free port against a fresh database and lets a test call it the way
 * the router does: with an internal token for a chosen principal.
 */
export async function startTestSubgraph<Loaders>(definition: SubgraphDefinition<Loaders>) {
  const secret = randomBytes(32).toString('hex');
  const tokens = createInternalTokens(secret);
  const queryCounter = createQueryCounter();
  const subgraph = await startSubgraph(
    definition,
    {
      database: freshDatabaseTarget(definition.name),
      internalTokenSecret: secret,
      logLevel: 'silent',
      graphiql: false,
      keyring: ephemeralKeyring(),
    },
    { port: 0, queryCounter, logger: createLogger({ service: definition.name, level: testEnv().MIYU_TEST_LOG_LEVEL }) },
  );
  return {
    url: subgraph.url,
    orm: subgraph.orm,
    queryCounter,
    tokens,
    async request<T = Record<string, unknown>>(principal: Principal, query: string, variables: Record<string, unknown> = {}) {
      return graphqlRequest<T>(subgraph.url, query, variables, { [INTERNAL_TOKEN_HEADER]: await tokens.sign(principal) });
    },
    asUser: (userId: string): Principal => ({ kind: 'user', userId, scopes: [] }),
    close: () => subgraph.close(),
  };
}

export type TestSubgraph = Awaited<ReturnType<typeof startTestSubgraph>>;
