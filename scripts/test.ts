/**
 * `npm test`: the schema check, typecheck and lint, then every Vitest project (unit, integration, e2e). The mode
 * follows the environment: embedded adapters by default, real PostgreSQL/Redis when
 * DATABASE_URL/REDIS_URL are set. Ends with a plain `N passed, N failed` line for CI readers.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTestRunnerEnv } from './env.ts';

const extraArgs = process.argv.slice(2);
const env = loadTestRunnerEnv();
const inCi = env.CI === 'true' || env.CI === '1';
const mode = env.DATABASE_URL ? 'postgresql+redis' : 'embedded (PGlite, in-memory)';
console.log(`MIYU tests, database mode: ${mode}`);

/** Static checks that count as one test each: the schema, types and lint. */
const checks = [
  { name: 'schema check', args: ['schema/src/check.ts'] },
  { name: 'typecheck (tsc)', args: ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'typecheck web app (tsc)', args: ['node_modules/typescript/bin/tsc', '-p', 'clients/web/tsconfig.json', '--noEmit'] },
  { name: 'lint (biome)', args: ['node_modules/@biomejs/biome/bin/biome', 'check', '.'] },
].map((check) => {
  const ok = spawnSync(process.execPath, check.args, { stdio: 'inherit' }).status === 0;
  console.log(`${ok ? 'ok' : 'FAILED'}: ${check.name}`);
  return ok;
});

const reportDir = mkdtempSync(join(tmpdir(), 'miyu-test-'));
const report = join(reportDir, 'vitest.json');
const flakyReport = join(reportDir, 'flaky.json');
const vitest = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--reporter=./scripts/flaky-reporter.ts',
    `--outputFile.json=${report}`,
    `--outputFile.miyu-flaky=${flakyReport}`,
    // CI's 2-core machine runs servers, PostgreSQL and Redis beside the tests: a test that fails
    // once on timing gets up to two more tries, and is named and counted below if one passes
    ...(inCi ? ['--retry=2'] : []),
    ...extraArgs,
  ],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: { status: string }[] }[];
  };
  passed = results.numPassedTests;
  // a file that failed before any test ran (import error, failing hook) counts as one failure
  const brokenFiles = results.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  failed = results.numFailedTests + brokenFiles;
  skipped = results.numPendingTests + results.numTodoTests;
} catch {
  failed += 1;
  console.error('could not read the Vitest report');
}
let flaky = 0;
try {
  flaky = (JSON.parse(readFileSync(flakyReport, 'utf8')) as string[]).length;
} catch {
  // no report: the run ended before the reporter could write it, already counted as a failure
}
for (const ok of checks) {
  if (ok) passed += 1;
  else failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped${flaky ? `, ${flaky} flaky (passed on retry)` : ''}`);
process.exit(vitest.status === 0 && failed === 0 ? 0 : 1);
