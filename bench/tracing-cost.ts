/**
 * What tracing costs the router (issue 14): MIYU's router as three processes in front of the same
 * five subgraphs (router-throughput's machinery, small scale): tracing off (no OTLP endpoint, the
 * SDK never loads: today's router), on with every trace sampled and exported over OTLP/HTTP to a
 * receiver in this process, and on at a 10 % sampling ratio. Rounds alternate off / on / 10 % so
 * the machine's noise lands on each alike. Prints JSON with each ratio to "off" and the load average.
 * Reports, never fails. Run: `npx node bench/tracing-cost.ts` (PostgreSQL and Redis as for router-throughput).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { routerBenchEnv } from './router-throughput/env.ts';
import { type GatewayProcess, startGateway } from './router-throughput/gateways.ts';
import { FIVE_SUBGRAPH_QUERY, runLoad } from './router-throughput/load.ts';
import { startSubgraphStack } from './router-throughput/subgraph-stack.ts';
import { createUsers } from './lib/users.ts';

const options = routerBenchEnv();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

// a local OTLP receiver: counts the export requests and bytes the "on" routers send
const received = { requests: 0, bytes: 0 };
const receiver = createServer((req, res) => {
  req.on('data', (chunk: Buffer) => {
    received.bytes += chunk.length;
  });
  req.on('end', () => {
    received.requests += 1;
    res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

const stack = await startSubgraphStack(options);
const routers: { variant: string; gateway: GatewayProcess }[] = [];
try {
  const users = await createUsers(stack.signUpUrl, Math.min(options.users, 50), 'tc');
  const variants: [string, Record<string, string>][] = [
    ['off', {}],
    ['on (ratio 1)', { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_SAMPLER_ARG: '1' }],
    ['on (ratio 0.1)', { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_SAMPLER_ARG: '0.1' }],
  ];
  for (const [variant, env] of variants) routers.push({ variant, gateway: await startGateway('miyu', stack, [], env) });
  const tokens = users.map((user) => user.token);
  const runs: Record<string, number[]> = Object.fromEntries(variants.map(([variant]) => [variant, []]));
  const load: number[] = [];
  for (let round = 0; round < options.rounds; round += 1)
    for (const { variant, gateway } of routers) {
      const result = await runLoad({
        url: gateway.url,
        tokens,
        connections: options.connections,
        seconds: options.seconds,
        query: FIVE_SUBGRAPH_QUERY,
      });
      runs[variant]!.push(result.requestsPerSecond);
      load.push(loadavg()[0] ?? 0);
    }
  const off = median(runs.off ?? []);
  console.log(
    JSON.stringify(
      {
        bench: 'tracing-cost',
        workload: `five-subgraph query, ${tokens.length} people round-robin, ${options.connections} connections, ${options.seconds} s x ${options.rounds} rounds`,
        requestsPerSecond: runs,
        medianRatioToOff: Object.fromEntries(
          Object.entries(runs).map(([variant, values]) => [variant, +(median(values) / off).toFixed(3)]),
        ),
        otlpReceived: received,
        loadAverage1m: { min: Math.min(...load).toFixed(1), max: Math.max(...load).toFixed(1) },
      },
      null,
      2,
    ),
  );
} finally {
  for (const { gateway } of routers) await gateway.stop();
  await stack.close();
  receiver.close();
}
