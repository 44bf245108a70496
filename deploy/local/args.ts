import { parseArgs } from 'node:util';
import { blockedPorts, planTopology } from './topology.ts';

export const MAX_REPLICAS = 9;

export const USAGE = `Usage: npm run start:distributed -- [--replicas N] [--base-port P]

Starts every subgraph and the router as separate processes against PostgreSQL (DATABASE_URL)
and Redis (REDIS_URL). --replicas N (1..${MAX_REPLICAS}, default 1) runs N processes of each service,
with a round-robin proxy per subgraph and routers on ports 4000, 4010, 4020…
--base-port P (default 4000) shifts every port (router P, subgraphs P+1…P+5, replicas P+101…).`;

export interface LauncherArgs {
  replicas: number;
  basePort: number;
  help: boolean;
}

export function parseLauncherArgs(argv: string[]): LauncherArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      replicas: { type: 'string', short: 'r', default: '1' },
      'base-port': { type: 'string', default: '4000' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const replicas = Number(values.replicas);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > MAX_REPLICAS) {
    throw new Error(`--replicas must be a whole number from 1 to ${MAX_REPLICAS}, got "${values.replicas}"`);
  }
  const basePort = Number(values['base-port']);
  if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65535 - 600) {
    throw new Error(`--base-port must be a whole number from 1024 to ${65535 - 600}, got "${values['base-port']}"`);
  }
  const blocked = blockedPorts(planTopology(replicas, basePort));
  if (blocked.length > 0) {
    throw new Error(
      `--base-port ${basePort} would put a service on port ${blocked.join(', ')}, which fetch and browsers refuse ` +
        '(the Fetch standard\'s "bad ports"): choose another base port, e.g. 5000 or 7000',
    );
  }
  return { replicas, basePort, help: values.help };
}
