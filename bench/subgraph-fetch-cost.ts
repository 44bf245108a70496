/**
 * CPU per subgraph fetch (issue 13, goal 2's lever): the five subgraphs as processes on
 * PostgreSQL behind MIYU's router, the 200-people round-robin workload of router-throughput.ts,
 * and each process's CPU per request from /proc (router, identity, personality, memory, quest,
 * conversation). With `BENCH_SGCOST_ROOTS=/path/to/other-checkout,/work/main` it runs one stack per
 * checkout (its own database, Redis db and ports) and alternates A B A B…, so a change to the
 * subgraphs' shared runtime is measured against the old code in the same minutes.
 * `BENCH_ROUTER_PROFILE_DIR` adds `--cpu-prof` to every process. Prints JSON, writes
 * bench/results/<date>-subgraph-fetch-cost.json. Reports, never fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readProc, waitUntilIdle } from './lib/proc-stats.ts';
import { machine } from './lib/results.ts';
import { createUsers } from './lib/users.ts';
import { subgraphCostEnv } from './router-throughput/env.ts';
import { type GatewayProcess, startGateway } from './router-throughput/gateways.ts';
import { FIVE_SUBGRAPH_QUERY, runLoad } from './router-throughput/load.ts';
import { type SubgraphStack, serviceOfPid, startSubgraphStack } from './router-throughput/subgraph-stack.ts';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const options = subgraphCostEnv();
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round2 = (value: number) => Math.round(value * 100) / 100;

interface Arm {
  label: string;
  stack: SubgraphStack;
  gateway: GatewayProcess;
  tokens: string[];
}

const arms: Arm[] = [];
const stacks: SubgraphStack[] = [];
try {
  for (const [index, root] of options.roots.entries()) {
    const stack = await startSubgraphStack({
      databaseUrl: `${options.databaseUrlPrefix}${String.fromCharCode(97 + index)}`,
      redisUrl: `${options.redisUrlPrefix}${11 + index}`,
      logLevel: options.logLevel,
      profileDir: options.profileDir,
      root,
      basePort: options.basePort + index * 10,
    });
    stacks.push(stack);
    const users = await createUsers(stack.signUpUrl, options.users, `sg${index}`);
    const gateway = await startGateway(
      'miyu',
      stack,
      options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [],
    );
    arms.push({ label: `${String.fromCharCode(65 + index)} ${root}`, stack, gateway, tokens: users.map((user) => user.token) });
  }
  for (const arm of arms)
    await runLoad({
      url: arm.gateway.url,
      tokens: arm.tokens,
      connections: options.connections,
      seconds: 2,
      query: FIVE_SUBGRAPH_QUERY,
    });

  const runs: {
    arm: string;
    round: number;
    requestsPerSecond: number;
    latencyP50Ms: number;
    latencyP99Ms: number;
    failed: number;
    loadAverage: number;
    cpuMsPerRequest: Record<string, number>;
  }[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const arm of arms) {
      const pids = [arm.gateway.pid, ...arm.stack.pids()];
      const names = ['gateway', ...arm.stack.pids().map(serviceOfPid)];
      await waitUntilIdle(pids, { timeoutMs: 5_000 }).catch(() => undefined);
      const before = pids.map((pid) => readProc(pid).cpuMs);
      const result = await runLoad({
        url: arm.gateway.url,
        tokens: arm.tokens,
        connections: options.connections,
        seconds: options.seconds,
        query: FIVE_SUBGRAPH_QUERY,
      });
      const perRequest: Record<string, number> = {};
      pids.forEach((pid, index) => {
        perRequest[names[index]!] = round2((readProc(pid).cpuMs - before[index]!) / Math.max(1, result.requests));
      });
      perRequest.subgraphs = round2(
        Object.entries(perRequest)
          .filter(([name]) => name !== 'gateway' && name !== 'router')
          .reduce((sum, [, value]) => sum + value, 0),
      );
      runs.push({
        arm: arm.label,
        round,
        requestsPerSecond: result.requestsPerSecond,
        latencyP50Ms: result.latencyP50Ms,
        latencyP99Ms: result.latencyP99Ms,
        failed: result.non2xx + result.errors,
        loadAverage: loadavg()[0]!,
        cpuMsPerRequest: perRequest,
      });
      console.error(
        `round ${round} ${arm.label}: ${result.requestsPerSecond} req/s, p99 ${result.latencyP99Ms} ms, failed ${result.non2xx + result.errors}, CPU ms/request ${JSON.stringify(perRequest)}, load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
  const summary = arms.map((arm) => {
    const mine = runs.filter((run) => run.arm === arm.label);
    const keys = Object.keys(mine[0]?.cpuMsPerRequest ?? {});
    return {
      arm: arm.label,
      requestsPerSecondMedian: median(mine.map((run) => run.requestsPerSecond)),
      latencyP99MsMedian: median(mine.map((run) => run.latencyP99Ms)),
      cpuMsPerRequestMedian: Object.fromEntries(
        keys.map((key) => [key, median(mine.map((run) => run.cpuMsPerRequest[key] ?? 0))]),
      ),
      failed: mine.reduce((sum, run) => sum + run.failed, 0),
    };
  });
  const ratios =
    summary.length === 2
      ? {
          subgraphsCpuBOverA: round2(summary[1]!.cpuMsPerRequestMedian.subgraphs! / summary[0]!.cpuMsPerRequestMedian.subgraphs!),
          requestsPerSecondBOverA: round2(summary[1]!.requestsPerSecondMedian / summary[0]!.requestsPerSecondMedian),
        }
      : undefined;
  const stamp = new Date().toISOString().replace(/:/gu, '-').replace(/\..*$/u, '');
  mkdirSync(RESULTS_DIR, { recursive: true });
  const report = { at: new Date().toISOString(), machine: machine(), options, summary, ratios, runs };
  writeFileSync(`${RESULTS_DIR}${stamp}-subgraph-fetch-cost.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify({ summary, ratios }, null, 2));
  console.error(`results written to bench/results/${stamp}-subgraph-fetch-cost.json`);
} finally {
  for (const arm of arms) await arm.gateway.stop();
  for (const stack of stacks) await stack.close();
}
process.exit(0);
