import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { INTERNAL_TOKEN_HEADER } from '@miyu/auth/internal-token';
import { injectTraceHeaders } from '@miyu/platform/tracing/propagation';
import { SpanKind, withSpan } from '@miyu/platform/tracing/spans';
import type { RouterContext } from './router-context.ts';
import type { SubgraphFetchMetrics } from './subgraph-fetch-metrics.ts';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';

type FetchInit = { method?: string; headers?: Record<string, string>; body?: string };

/**
 * Forwards the caller as a short-lived internal token; fetches through a pooled client per
 * subgraph that bounds every fetch with a timeout (the gateway sets none of its own) and merges
 * identical queries in flight (subgraph-fetcher.ts). Each fetch is a client span whose
 * `traceparent` goes along, and is timed per subgraph.
 */
export function createSubgraphDataSource(name: string, url: string, timeoutMs: number, metrics?: SubgraphFetchMetrics) {
  const client = createSubgraphFetcher({ timeoutMs });
  const fetcher = (target: string, init: FetchInit) =>
    withSpan(`subgraph ${name}`, { kind: SpanKind.CLIENT, attributes: { 'miyu.subgraph': name } }, async (span) => {
      const started = performance.now();
      let outcome = 'ok';
      try {
        const traced = span.isRecording() ? { ...init, headers: injectTraceHeaders({ ...init.headers }) } : init;
        const response = await client.fetcher(target, traced);
        span.setAttribute('http.response.status_code', response.status);
        if (!response.ok) {
          outcome = 'http_error';
          metrics?.errors.inc({ subgraph: name, kind: outcome });
        }
        return response;
      } catch (error) {
        outcome = 'network_error';
        const kind = error instanceof Error && error.message.includes('timed out') ? 'timeout' : outcome;
        metrics?.errors.inc({ subgraph: name, kind });
        throw error;
      } finally {
        metrics?.duration.observe({ subgraph: name, outcome }, (performance.now() - started) / 1000);
      }
    });
  return new RemoteGraphQLDataSource<RouterContext>({
    url,
    fetcher: fetcher as never,
    async willSendRequest({ request, context }) {
      if (!context.internalToken) return;
      request.http?.headers.set(INTERNAL_TOKEN_HEADER, await context.internalToken());
      if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
    },
  });
}
