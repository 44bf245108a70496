import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { INTERNAL_TOKEN_HEADER } from '@miyu/auth/internal-token';
import type { RouterContext } from './router-context.ts';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';

/**
 * Forwards the caller as a short-lived internal token; fetches through a pooled client per
 * subgraph that bounds every fetch with a timeout (the gateway sets none of its own) and merges
 * identical queries in flight (subgraph-fetcher.ts).
 */
export function createSubgraphDataSource(url: string, timeoutMs: number) {
  const client = createSubgraphFetcher({ timeoutMs });
  return new RemoteGraphQLDataSource<RouterContext>({
    url,
    fetcher: client.fetcher as never,
    async willSendRequest({ request, context }) {
      if (!context.internalToken) return;
      request.http?.headers.set(INTERNAL_TOKEN_HEADER, await context.internalToken());
      if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
    },
  });
}
