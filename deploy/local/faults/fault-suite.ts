/**
 * Runs the fault scenarios against `start:distributed --replicas 2` on a PostgreSQL and a Redis
 * of its own, and prints one line per fault: lost, duplicated, false failures, time to recover.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DistributedRun, startDistributed } from './distributed-run.ts';
import type { FaultsEnv } from './env.ts';
import { type PrivateService, startPrivatePostgres, startPrivateRedis } from './private-services.ts';
import { type FaultContext, SCENARIOS, type ScenarioResult } from './scenarios.ts';

export interface FaultReport {
  name: string;
  boundMs: number;
  result?: ScenarioResult;
  error?: string;
  ok: boolean;
}

export interface SuiteOptions {
  env: FaultsEnv;
  inherited: Record<string, string>;
  quick: boolean;
  /** Only the scenarios whose name contains this. */
  only?: string;
  log?: (line: string) => void;
}

/** How long the distributed mode may take to start, and each of its services to be ready. */
const START_TIMEOUT_MS = 240_000;

export function judge(name: string, boundMs: number, result: ScenarioResult): FaultReport {
  const { tally, recoverMs, problems } = result;
  const ok =
    tally.lost === 0 && tally.duplicated === 0 && tally.falseFailures === 0 && recoverMs <= boundMs && problems.length === 0;
  return { name, boundMs, result, ok };
}

export function formatReport(report: FaultReport): string[] {
  if (!report.result) return [`FAIL ${report.name}: ${report.error}`];
  const { tally, recoverMs, notes, problems } = report.result;
  const codes = Object.entries(tally.codes)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ');
  return [
    `${report.ok ? 'ok  ' : 'FAIL'} ${report.name}: lost ${tally.lost}, duplicated ${tally.duplicated}, false failures ${tally.falseFailures}, ` +
      `recovered in ${Number.isFinite(recoverMs) ? `${(recoverMs / 1000).toFixed(1)} s` : 'never'} (bound ${report.boundMs / 1000} s)`,
    ...(codes ? [`       answers that failed on the way: ${codes}`] : []),
    ...notes.map((note) => `       ${note}`),
    ...problems.map((problem) => `       problem: ${problem}`),
  ];
}

export async function runFaultSuite(options: SuiteOptions): Promise<FaultReport[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(join(tmpdir(), 'miyu-faults-'));
  let postgres: PrivateService | undefined;
  let redis: PrivateService | undefined;
  let run: DistributedRun | undefined;
  const reports: FaultReport[] = [];
  try {
    postgres = await startPrivatePostgres(dir, options.env.FAULTS_POSTGRES_PORT, options.inherited.PATH ?? '');
    redis = await startPrivateRedis(dir, options.env.FAULTS_REDIS_PORT);
    log(`[faults] private PostgreSQL ${postgres.url}, Redis ${redis.url}`);
    const started = Date.now();
    run = await startDistributed({
      basePort: options.env.FAULTS_BASE_PORT,
      logFile: join(dir, 'distributed.log'),
      readyTimeoutMs: START_TIMEOUT_MS,
      env: {
        // each service may take that long too (the launcher's own default, 120 s, is short on a busy machine)
        READY_TIMEOUT_MS: String(START_TIMEOUT_MS),
        ...options.inherited,
        DATABASE_URL: postgres.url,
        REDIS_URL: redis.url,
        LLM_OFFLINE_WORD_DELAY_MS: String(options.env.FAULTS_WORD_DELAY_MS),
        LOG_LEVEL: 'warn',
        OPENAI_API_KEY: '',
      },
    });
    log(
      `[faults] distributed mode, 2 replicas of each service, ready in ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${dir}/distributed.log)`,
    );
    const context: FaultContext = {
      run,
      postgres,
      redis,
      size: options.quick
        ? { burstMessages: 100, burstPeople: 10, subscriptions: 20, outageMs: 5_000 }
        : { burstMessages: 500, burstPeople: 20, subscriptions: 50, outageMs: 10_000 },
    };
    const chosen = SCENARIOS.filter((scenario) => (options.quick ? scenario.quick : true)).filter(
      (scenario) => !options.only || scenario.name.includes(options.only),
    );
    for (const scenario of chosen) {
      const began = Date.now();
      let report: FaultReport;
      try {
        report = judge(scenario.name, scenario.boundMs, await scenario.run(context));
      } catch (error) {
        report = { name: scenario.name, boundMs: scenario.boundMs, error: (error as Error).message, ok: false };
      }
      reports.push(report);
      for (const line of formatReport(report)) log(line);
      log(`       (${((Date.now() - began) / 1000).toFixed(1)} s)`);
    }
    return reports;
  } finally {
    await run?.stop();
    await redis?.close();
    await postgres?.close();
    // the services' log stays when the suite failed, or never got to run a fault
    if (reports.length > 0 && reports.every((report) => report.ok)) rmSync(dir, { recursive: true, force: true });
  }
}
