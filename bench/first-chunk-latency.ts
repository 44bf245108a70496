import { benchEnv } from './env.ts';
import { startDistributedLatencyStack } from './lib/distributed-stack.ts';
import { llmFirstChunkMs, startLatencyStack } from './lib/latency-stack.ts';
import { type Participant, type RoundSample, runRound } from './lib/latency-round.ts';
import { runSteady } from './lib/latency-steady.ts';
import { percentile, summarize } from './lib/stats.ts';
import { createUsers } from './lib/users.ts';
import { waitForIdleMachine } from './lib/wait-idle.ts';
import { connected, routerClient } from './lib/ws-clients.ts';

/** Rounds per level: about 30-300 samples each, bounded in time. */
const ROUNDS: Record<number, number> = { 1: 30, 20: 5, 100: 3 };
const TARGET = { level: 20, p50Ms: 50, p99Ms: 150 };

export async function runFirstChunkLatency(options = benchEnv()) {
  const log = (line: string) => console.log(`[latency] ${line}`);
  const stack = await startStackFor(options);
  const clients: Participant['client'][] = [];
  try {
    const maxLevel = Math.max(...options.latencyLevels, options.steady.conversations);
    const users = await createUsers(stack.url, maxLevel, 'latency');
    for (const user of users) clients.push(routerClient(stack.url, user.token));
    await Promise.all(clients.map(connected));
    const participants = users.map((user, index) => ({ client: clients[index]!, conversationId: user.conversationId }));
    log(`${users.length} users connected; warming up`);
    await runRound(participants.slice(0, Math.min(5, maxLevel)), 'warmup');

    const levels = [];
    for (const level of options.latencyLevels) {
      const settle = await settled(log);
      const samples: RoundSample[] = [];
      const rounds = ROUNDS[level] ?? Math.max(2, Math.ceil(100 / level));
      const llmDirect = await Promise.all(Array.from({ length: level }, () => llmFirstChunkMs(stack.llm.url)));
      const failures: string[] = [];
      for (let round = 0; round < rounds && failures.length === 0; round += 1) {
        const outcome = await runRound(participants.slice(0, level), `c${level}r${round}`);
        samples.push(...outcome.samples);
        failures.push(...outcome.failures);
      }
      if (failures.length > 0)
        log(`c=${level}: ${failures.length} operations failed (${[...new Set(failures)].join(' | ')}); later rounds skipped`);
      const overhead = samples.map((sample) => sample.firstChunkMs - sample.baselineMs);
      const result = {
        concurrency: level,
        rounds,
        settle,
        failures: { count: failures.length, distinct: [...new Set(failures)] },
        baselineMs: summarize(samples.map((sample) => sample.baselineMs)),
        firstChunkMs: summarize(samples.map((sample) => sample.firstChunkMs)),
        overheadMs: summarize(overhead),
        completeReplyMs: summarize(samples.map((sample) => sample.completeMs)),
        stages: {
          sendMessageMs: summarize(samples.map((sample) => sample.sendMs)),
          contextQueryAloneMs: summarize(samples.map((sample) => sample.contextMs)),
        },
        llmDirectFirstChunkMs: summarize(llmDirect),
      };
      log(
        `c=${level}: overhead p50 ${result.overheadMs.p50} p90 ${result.overheadMs.p90} p99 ${result.overheadMs.p99} ms (baseline p50 ${result.baselineMs.p50} ms, n=${overhead.length})`,
      );
      levels.push({ ...result, overheadRaw: overhead });
    }
    const steady = await measureSteady(participants, options.steady, log);
    const atTarget = levels.find((level) => level.concurrency === TARGET.level);
    const target = atTarget
      ? {
          ...TARGET,
          measuredP50Ms: atTarget.overheadMs.p50,
          measuredP99Ms: atTarget.overheadMs.p99,
          met: meetsTarget(atTarget.overheadRaw),
        }
      : { ...TARGET, met: null };
    log(
      `target at c=${TARGET.level} (p50 <= ${TARGET.p50Ms} ms, p99 <= ${TARGET.p99Ms} ms): ${target.met === null ? 'not measured' : target.met ? 'MET' : 'MISSED'}`,
    );
    return {
      topology: options.topology,
      database: options.databaseUrl ? 'postgresql' : 'pglite',
      levels: levels.map(({ overheadRaw, ...rest }) => rest),
      target,
      steady,
    };
  } finally {
    await Promise.allSettled(clients.map((client) => client.dispose()));
    await stack.close();
  }
}

function meetsTarget(overheadMs: number[]): boolean {
  return percentile(overheadMs, 50) <= TARGET.p50Ms && percentile(overheadMs, 99) <= TARGET.p99Ms;
}

/** The steady phase (see latency-steady.ts), reported beside the bursts, never instead of them. */
async function measureSteady(
  participants: Participant[],
  steady: ReturnType<typeof benchEnv>['steady'],
  log: (line: string) => void,
) {
  if (steady.conversations === 0) return null;
  const settle = await settled(log);
  const { samples, failures } = await runSteady(participants.slice(0, steady.conversations), {
    durationMs: steady.seconds * 1_000,
    meanThinkMs: steady.meanThinkMs,
    label: 'steady',
  });
  const overhead = samples.map((sample) => sample.firstChunkMs - sample.baselineMs);
  const result = {
    conversations: Math.min(steady.conversations, participants.length),
    settle,
    seconds: steady.seconds,
    meanThinkMs: steady.meanThinkMs,
    messagesPerSecond: Math.round((samples.length / steady.seconds) * 10) / 10,
    failures: { count: failures.length, distinct: [...new Set(failures)] },
    overheadMs: summarize(overhead),
    metTargetUnderSteadyLoad: meetsTarget(overhead),
  };
  log(
    `steady ${result.conversations} conversations, think ${steady.meanThinkMs} ms (${result.messagesPerSecond} msg/s): overhead p50 ${result.overheadMs.p50} p90 ${result.overheadMs.p90} p99 ${result.overheadMs.p99} ms (n=${overhead.length})`,
  );
  return result;
}

/** Each phase starts from a quiet machine, not in the previous phase's background work. */
async function settled(log: (line: string) => void) {
  const settle = await waitForIdleMachine();
  if (!settle.settled) log(`the machine did not go quiet within ${settle.waitedMs} ms; measuring anyway`);
  return settle;
}

function startStackFor(options: ReturnType<typeof benchEnv>) {
  if (options.topology === 'embedded') return startLatencyStack(options.logLevel, options.databaseUrl);
  if (!options.databaseUrl) throw new Error('BENCH_TOPOLOGY=distributed needs BENCH_DATABASE_URL (PostgreSQL)');
  return startDistributedLatencyStack({
    logLevel: options.logLevel,
    databaseUrl: options.databaseUrl,
    redisUrl: options.redisUrl,
  });
}

if (import.meta.main) {
  const result = await runFirstChunkLatency();
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
