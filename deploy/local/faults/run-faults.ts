/**
 * `npm run faults [-- --quick] [-- --only <text>]`: the fault suite (deploy/local/README.md,
 * "Faults"). Exits 1 when any fault lost, duplicated or falsely failed a message, or recovered
 * later than its bound.
 */
import { parseArgs } from 'node:util';
import { loadFaultsEnv, parentEnv } from './env.ts';
import { runFaultSuite } from './fault-suite.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
  strict: true,
});
const reports = await runFaultSuite({
  env: loadFaultsEnv(),
  inherited: parentEnv(),
  quick: values.quick,
  ...(values.only ? { only: values.only } : {}),
});
const failed = reports.filter((report) => !report.ok).length;
console.log(`[faults] ${reports.length - failed} of ${reports.length} faults survived`);
process.exit(failed === 0 && reports.length > 0 ? 0 : 1);
