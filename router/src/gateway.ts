import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import type { Logger } from '@miyu/platform/logger';
import { createSubgraphDataSource } from './subgraph-data-source.ts';
import type { SubgraphFetchMetrics } from './subgraph-fetch-metrics.ts';

export interface GatewayOptions {
  supergraphPath: string;
  /** Subgraph name → URL, overriding the URLs written in the supergraph. */
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
  logger: Logger;
  /** Fetch latency and errors per subgraph (shared with the subscription lane's entity fetches). */
  fetchMetrics?: SubgraphFetchMetrics;
}

/**
 * The gateway on a supergraph file (no managed federation, no network at start). `reload()`
 * re-reads the file and hands a changed supergraph to the gateway through its update hook.
 */
export async function createGateway(options: GatewayOptions) {
  let supergraphSdl = await readFile(options.supergraphPath, 'utf8');
  let update: ((sdl: string) => void) | undefined;
  const gateway = new ApolloGateway({
    logger: options.logger,
    supergraphSdl: async (hooks) => {
      update = hooks.update;
      return { supergraphSdl };
    },
    buildService: ({ name, url }) =>
      createSubgraphDataSource(name, subgraphUrl(name, url), options.subgraphTimeoutMs, options.fetchMetrics),
  });

  function subgraphUrl(name: string, fallback: string | undefined): string {
    const target = options.subgraphUrls[name] ?? fallback;
    if (!target) throw new Error(`no URL for subgraph ${name}`);
    return target;
  }

  return {
    gateway,
    subgraphUrl,
    fetchMetrics: options.fetchMetrics,
    get supergraphSdl(): string {
      return supergraphSdl;
    },
    /** Resolves true when the file changed and the new supergraph is now in use. */
    async reload(): Promise<boolean> {
      const next = await readFile(options.supergraphPath, 'utf8');
      if (next === supergraphSdl) return false;
      supergraphSdl = next;
      update?.(next);
      return true;
    },
  };
}

export type Gateway = Awaited<ReturnType<typeof createGateway>>;
