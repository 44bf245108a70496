/**
 * Router throughput (issue 13, goal 2): the five subgraphs once as processes on PostgreSQL, and
 * three gateways in front of them in turn — MIYU's router, stock `@apollo/server` +
 * `@apollo/gateway`, Hive Gateway (defaults) — alternating A B C per round so the machine's noise
 * shows in every gateway alike. Workloads: one person repeating the five-subgraph query, 200
 * people round-robin, and `{ __typename }` (no subgraph: the gateway's own per-request cost).
 * Prints JSON, writes bench/results/<date>-router-throughput.{json,svg}. Reports, never fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { graphqlRequest } from '@miyu/testing/graphql-request';
import { readProc } from './lib/proc-stats.ts';
import { machine } from './lib/results.ts';
import { createUsers } from './lib/users.ts';
import { waitUntilIdle } from './lib/proc-stats.ts';
import { drawThroughputChart, type ChartRow } from './router-throughput/chart.ts';
import { routerBenchEnv } from './router-throughput/env.ts';
import { GATEWAY_NAMES, type GatewayName, type GatewayProcess, startGateway } from './router-throughput/gateways.ts';
import { FIVE_SUBGRAPH_QUERY, type LoadResult, runLoad } from './router-throughput/load.ts';
import { startSubgraphStack } from './router-throughput/subgraph-stack.ts';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const options = routerBenchEnv();
const started = Date.now();
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const stack = await startSubgraphStack({
  ...options,
  profileDir: options.profileSubgraphs ? options.profileDir : undefined,
});
const gateways: GatewayProcess[] = [];
try {
  const users = await createUsers(stack.signUpUrl, options.users, 'rt');
  for (const name of GATEWAY_NAMES)
    gateways.push(
      await startGateway(
        name,
        stack,
        name === 'miyu' && options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [],
      ),
    );
  await checkSameAnswers(
    gateways,
    users.slice(0, 3).map((user) => user.token),
  );
  const subgraphPids = stack.pids();

  const workloads = [
    { name: 'one person', tokens: [users[0]!.token], query: FIVE_SUBGRAPH_QUERY },
    { name: `${users.length} people round-robin`, tokens: users.map((user) => user.token), query: FIVE_SUBGRAPH_QUERY },
    { name: 'no subgraph ({ __typename })', tokens: [users[0]!.token], query: '{ __typename }' },
  ];
  const runs: (LoadResult & {
    workload: string;
    gateway: GatewayName;
    round: number;
    gatewayCpuMsPerRequest: number;
    subgraphCpuMsPerRequest: number;
  })[] = [];
  for (const workload of workloads) {
    // warm-up: JIT, connection pools, plan caches
    for (const gateway of gateways)
      await runLoad({
        url: gateway.url,
        tokens: workload.tokens,
        connections: options.connections,
        seconds: 2,
        query: workload.query,
      });
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const gateway of gateways) {
        await waitUntilIdle([gateway.pid, ...subgraphPids], { timeoutMs: 5_000 }).catch(() => undefined);
        const cpuBefore = readProc(gateway.pid).cpuMs;
        const subgraphBefore = subgraphPids.reduce((sum, pid) => sum + readProc(pid).cpuMs, 0);
        const result = await runLoad({
          url: gateway.url,
          tokens: workload.tokens,
          connections: options.connections,
          seconds: options.seconds,
          query: workload.query,
        });
        const gatewayCpu = readProc(gateway.pid).cpuMs - cpuBefore;
        const subgraphCpu = subgraphPids.reduce((sum, pid) => sum + readProc(pid).cpuMs, 0) - subgraphBefore;
        runs.push({
          workload: workload.name,
          gateway: gateway.name,
          round,
          ...result,
          gatewayCpuMsPerRequest: Math.round((gatewayCpu / Math.max(1, result.requests)) * 100) / 100,
          subgraphCpuMsPerRequest: Math.round((subgraphCpu / Math.max(1, result.requests)) * 100) / 100,
        });
        console.error(
          `${workload.name} round ${round} ${gateway.name}: ${result.requestsPerSecond} req/s, p99 ${result.latencyP99Ms} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
        );
      }
    }
  }

  const summary = workloads.map((workload) => {
    const per = Object.fromEntries(
      GATEWAY_NAMES.map((gateway) => {
        const mine = runs.filter((run) => run.workload === workload.name && run.gateway === gateway);
        return [
          gateway,
          {
            requestsPerSecondMedian: median(mine.map((run) => run.requestsPerSecond)),
            requestsPerSecondRounds: mine.map((run) => run.requestsPerSecond),
            latencyP99MsMedian: median(mine.map((run) => run.latencyP99Ms)),
            latencyP50MsMedian: median(mine.map((run) => run.latencyP50Ms)),
            gatewayCpuMsPerRequest: median(mine.map((run) => run.gatewayCpuMsPerRequest)),
            subgraphCpuMsPerRequest: median(mine.map((run) => run.subgraphCpuMsPerRequest)),
            failed: mine.reduce((sum, run) => sum + run.non2xx + run.errors, 0),
          },
        ];
      }),
    ) as unknown as Record<GatewayName, { requestsPerSecondMedian: number; latencyP99MsMedian: number }>;
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const miyu = per.miyu;
    return {
      workload: workload.name,
      gateways: per,
      miyuVsApollo: ratio(miyu.requestsPerSecondMedian, per.apollo.requestsPerSecondMedian),
      miyuVsHive: ratio(miyu.requestsPerSecondMedian, per.hive.requestsPerSecondMedian),
      goal:
        workload.query === FIVE_SUBGRAPH_QUERY
          ? {
              atLeastHive: miyu.requestsPerSecondMedian >= per.hive.requestsPerSecondMedian,
              atLeast1_5xApollo: miyu.requestsPerSecondMedian >= 1.5 * per.apollo.requestsPerSecondMedian,
              p99NoWorse: miyu.latencyP99MsMedian <= Math.min(per.hive.latencyP99MsMedian, per.apollo.latencyP99MsMedian),
            }
          : undefined,
    };
  });
  const stamp = new Date().toISOString().replace(/:/gu, '-').replace(/\..*$/u, '');
  mkdirSync(RESULTS_DIR, { recursive: true });
  const rows: ChartRow[] = summary.flatMap((entry) =>
    GATEWAY_NAMES.map((gateway) => ({
      workload: entry.workload.replace(' ({ __typename })', ''),
      gateway,
      requestsPerSecond: entry.gateways[gateway].requestsPerSecondMedian,
      latencyP99Ms: entry.gateways[gateway].latencyP99MsMedian,
    })),
  );
  writeFileSync(
    `${RESULTS_DIR}${stamp}-router-throughput.svg`,
    drawThroughputChart(rows, `Router throughput, ${options.connections} connections, ${stamp} (bench/router-throughput.ts)`),
  );
  const report = {
    at: new Date().toISOString(),
    machine: machine(),
    options: { ...options, databaseUrl: 'set' },
    wallSeconds: Math.round((Date.now() - started) / 1000),
    summary,
    runs,
  };
  writeFileSync(`${RESULTS_DIR}${stamp}-router-throughput.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
  console.error(`results written to bench/results/${stamp}-router-throughput.{json,svg}`);
} finally {
  for (const gateway of gateways) await gateway.stop();
  await stack.close();
}
process.exit(0);

/** Every gateway must return the same data, with no error, for the same person, before anything is timed. */
async function checkSameAnswers(list: GatewayProcess[], tokens: string[]): Promise<void> {
  for (const token of tokens) {
    const answers = await Promise.all(
      list.map((gateway) => graphqlRequest(gateway.url, FIVE_SUBGRAPH_QUERY, {}, { authorization: `Bearer ${token}` })),
    );
    answers.forEach((answer, index) => {
      if (answer.errors || !answer.data) throw new Error(`${list[index]!.name}: ${JSON.stringify(answer.errors)}`);
    });
    const first = JSON.stringify(answers[0]!.data);
    answers.forEach((answer, index) => {
      if (JSON.stringify(answer.data) !== first)
        throw new Error(`${list[index]!.name} answered differently: ${JSON.stringify(answer.data)} vs ${first}`);
    });
  }
}
