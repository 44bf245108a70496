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
const mode = loadTestRunnerEnv().DATABASE_URL ? 'postgresql+redis' : 'embedded (PGlite, in-memory)';
console.log(`MIYU tests, database mode: ${mode}`);

/** Static checks that count as one test each: the schema, types and lint. */
const checks = [
  { name: 'schema check', args: ['schema/src/check.ts'] },
  { name: 'typecheck (tsc)', args: ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint (biome)', args: ['node_modules/@biomejs/biome/bin/biome', 'check', '.'] },
].map((check) => {
  const ok = spawnSync(process.execPath, check.args, { stdio: 'inherit' }).status === 0;
  console.log(`${ok ? 'ok' : 'FAILED'}: ${check.name}`);
  return ok;
});

const report = join(mkdtempSync(join(tmpdir(), 'miyu-test-')), 'vitest.json');
const vitest = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs],
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
for (const ok of checks) {
  if (ok) passed += 1;
  else failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitest.status === 0 && failed === 0 ? 0 : 1);
