import autocannon from 'autocannon';

/** One authenticated query whose plan reaches all five subgraphs (identity first, then four in parallel). */
export const FIVE_SUBGRAPH_QUERY = `query Bench {
  me {
    id
    displayName
    companion { mode affinity }
    memories(first: 3) { totalCount }
    progression { level xp }
    conversations(first: 3) { nodes { id } }
  }
}`;

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * autocannon against one gateway for `seconds` with fixed connections; each request carries the
 * next token of `tokens` (one token = one person repeating, many = round-robin over people).
 */
export async function runLoad(options: {
  url: string;
  tokens: string[];
  connections: number;
  seconds: number;
  query?: string;
}): Promise<LoadResult> {
  const body = JSON.stringify({ query: options.query ?? FIVE_SUBGRAPH_QUERY });
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => {
          const token = options.tokens[next % options.tokens.length];
          next += 1;
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          };
        },
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result.requests.total / options.seconds),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
