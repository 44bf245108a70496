/**
 * A Vitest reporter that lists the tests which failed and then passed on a retry (CI retries
 * integration and e2e tests on a 2-core machine). They count as passed, but they are named on the
 * console and written to `outputFile['miyu-flaky']` so `npm test` can report how many there were:
 * a flaky test is a bug to fix, not a pass to forget.
 */
import { writeFileSync } from 'node:fs';
import type { Reporter, TestCase, Vitest } from 'vitest/node';

export default class FlakyReporter implements Reporter {
  private readonly flaky: string[] = [];
  private outputFile: string | undefined;

  onInit(vitest: Vitest) {
    const outputFile = vitest.config.outputFile;
    this.outputFile = typeof outputFile === 'object' ? outputFile['miyu-flaky'] : undefined;
  }

  onTestCaseResult(testCase: TestCase) {
    const diagnostic = testCase.diagnostic();
    if (testCase.result().state === 'passed' && diagnostic?.flaky) {
      this.flaky.push(`${testCase.module.moduleId} > ${testCase.fullName} (retried ${diagnostic.retryCount}×)`);
    }
  }

  onTestRunEnd() {
    for (const name of this.flaky) console.log(`FLAKY (passed on retry): ${name}`);
    if (this.outputFile) writeFileSync(this.outputFile, JSON.stringify(this.flaky));
  }
}
