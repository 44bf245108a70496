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

/**
 * Social-platform workers, each its own process when all its switch variables are set, its
 * health, metrics (and webhook) port at base+offset, bound to 127.0.0.1 through its host variable.
 */
export const PLATFORM_WORKERS = [
  {
    name: 'telegram',
    script: 'clients/telegram/src/main.ts',
    switchVariables: ['TELEGRAM_BOT_TOKEN'],
    portVariable: 'TELEGRAM_PORT',
    hostVariable: 'TELEGRAM_HOST',
    portOffset: 7,
  },
  {
    name: 'x',
    script: 'clients/x/src/main.ts',
    // as npm start decides (clients/x/src/env.ts xConfigured)
    switchVariables: ['X_API_KEY', 'X_ACCESS_TOKEN'],
    portVariable: 'X_PORT',
    hostVariable: 'X_HOST',
    portOffset: 8,
  },
] as const;

export interface WorkerPlan {
  name: string;
  script: string;
  port: number;
  portVariable: string;
  hostVariable: string;
}

/** The workers whose switch variables are set, on their ports. */
export function planWorkers(source: Record<string, string | undefined>, basePort = DEFAULT_BASE_PORT): WorkerPlan[] {
  return PLATFORM_WORKERS.filter((worker) => worker.switchVariables.every((name) => Boolean(source[name]))).map((worker) => ({
    name: worker.name,
    script: worker.script,
    port: basePort + worker.portOffset,
    portVariable: worker.portVariable,
    hostVariable: worker.hostVariable,
  }));
}

export interface Topology {
  subgraphs: SubgraphPlan[];
  routerPorts: number[];
  /**
   * With several routers: a proxy in front of them (base+9) that the reply pipeline's context
   * query goes through, so a dead router 1 does not cost every reply its context.
   */
  routerProxyPort: number | undefined;
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
  return { subgraphs, routerPorts, routerProxyPort: replicas > 1 ? basePort + 9 : undefined };
}

export function replicaName(service: string, index: number, replicas: number): string {
  return replicas === 1 ? service : `${service}-${index + 1}`;
}

/**
 * Ports the Fetch standard's "bad port" list blocks (those at 1024 and above): fetch, undici and
 * browsers refuse to connect to them, so no service of ours may listen there.
 */
export const FETCH_BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Every port the topology listens on that fetch would refuse, in ascending order. */
export function blockedPorts(topology: Topology): number[] {
  const ports = [
    ...topology.routerPorts,
    ...(topology.routerProxyPort ? [topology.routerProxyPort] : []),
    ...topology.subgraphs.flatMap((plan) => [plan.port, ...plan.replicaPorts]),
    ...PLATFORM_WORKERS.map((worker) => topology.routerPorts[0]! + worker.portOffset),
  ];
  return [...new Set(ports)].filter((port) => FETCH_BLOCKED_PORTS.has(port)).sort((a, b) => a - b);
}
