/** Subgraphs in start order; with the default base port, on the ports the supergraph names. */
export const SUBGRAPHS = ['identity', 'personality', 'memory', 'quest', 'conversation'] as const;

export const DEFAULT_BASE_PORT = 4000;

export interface SubgraphPlan {
  name: string;
  /** The one address the routers use: the proxy, or the only replica. */
  port: number;
  /** Replica ports; with one replica there is no proxy and this is `[port]`. */
  replicaPorts: number[];
  proxied: boolean;
}

export interface Topology {
  subgraphs: SubgraphPlan[];
  routerPorts: number[];
}

/**
 * Subgraph i (1-based) listens on base+i (4001…4005). With N > 1 replicas that port is its
 * proxy and the replicas get base+100i+1…base+100i+N (identity 4101, 4102…); routers listen on
 * base, base+10, base+20….
 */
export function planTopology(replicas: number, basePort = DEFAULT_BASE_PORT): Topology {
  const subgraphs = SUBGRAPHS.map((name, index) => {
    const port = basePort + index + 1;
    if (replicas === 1) return { name, port, replicaPorts: [port], proxied: false };
    const first = basePort + 100 * (index + 1) + 1;
    return { name, port, replicaPorts: Array.from({ length: replicas }, (_, replica) => first + replica), proxied: true };
  });
  const routerPorts = Array.from({ length: replicas }, (_, replica) => basePort + 10 * replica);
  return { subgraphs, routerPorts };
}

export function replicaName(service: string, index: number, replicas: number): string {
  return replicas === 1 ? service : `${service}-${index + 1}`;
}
