import { inheritedEnvironment, testEnv } from '@miyu/testing/env';
import { describe, expect, it } from 'vitest';
import { loadFaultsEnv } from '../../deploy/local/faults/env.ts';
import { formatReport, runFaultSuite } from '../../deploy/local/faults/fault-suite.ts';

// The short subset of `npm run faults` (deploy/local/README.md, "Faults"): the distributed mode with
// two replicas on a PostgreSQL and Redis of its own. Once per CI run, in the distributed pass.
describe.runIf(testEnv().DATABASE_URL)('faults (npm run faults -- --quick)', () => {
  it('loses, duplicates and falsely fails nothing, and recovers within each bound', { timeout: 600_000 }, async () => {
    const inherited = Object.fromEntries(
      Object.entries(inheritedEnvironment()).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('VITEST') && entry[0] !== 'NODE_ENV',
      ),
    );
    const lines: string[] = [];
    const reports = await runFaultSuite({
      env: loadFaultsEnv(inherited),
      inherited,
      quick: true,
      log: (line) => lines.push(line),
    });
    const failed = reports.filter((report) => !report.ok).flatMap(formatReport);
    expect(failed, lines.join('\n')).toEqual([]);
    expect(reports.length).toBeGreaterThanOrEqual(4);
  });
});
