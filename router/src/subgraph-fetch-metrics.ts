import { Counter, Histogram, type Registry } from 'prom-client';

export interface SubgraphFetchMetrics {
  duration: Histogram<'subgraph' | 'outcome'>;
  errors: Counter<'subgraph' | 'kind'>;
}

/** Latency and failures of the gateway's fetches, per subgraph (the lane's sockets are counted by the hub). */
export function createSubgraphFetchMetrics(registry: Registry): SubgraphFetchMetrics {
  return {
    duration: new Histogram({
      name: 'router_subgraph_fetch_duration_seconds',
      help: 'Latency of a query plan fetch to a subgraph, by outcome (ok, http_error, network_error)',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'router_subgraph_fetch_errors_total',
      help: 'Subgraph fetches that failed: http_error (non-2xx answer), timeout or network_error',
      labelNames: ['subgraph', 'kind'] as const,
      registers: [registry],
    }),
  };
}
