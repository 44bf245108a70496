import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { INTERNAL_TOKEN_HEADER } from '@miyu/auth/internal-token';
import type { RouterContext } from './router-context.ts';

/**
 * Forwards the caller as a short-lived internal token and bounds every subgraph fetch with a
 * timeout (the gateway sets none of its own).
 */
export function createSubgraphDataSource(url: string, timeoutMs: number) {
  return new RemoteGraphQLDataSource<RouterContext>({
    url,
    fetcher: ((input: string, init: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as never,
    async willSendRequest({ request, context }) {
      if (!context.internalToken) return;
      request.http?.headers.set(INTERNAL_TOKEN_HEADER, await context.internalToken());
      if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
    },
  });
}
