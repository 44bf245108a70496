import { parseArgs } from 'node:util';
import { runSchemaCheck } from './run-check.ts';

// `npm run schema:check [-- --base <git ref>] [-- --upstream-contract <path>]`: fails (exit 1)
// listing every problem. The upstream contract defaults to `../shared/contract/api.graphql`.
const { values } = parseArgs({
  options: { base: { type: 'string', default: 'HEAD' }, 'upstream-contract': { type: 'string' } },
});

try {
  const { problems, notes } = await runSchemaCheck({ baseRef: values.base, upstreamContract: values['upstream-contract'] });
  for (const note of notes) console.log(`note: ${note}`);
  if (problems.length > 0) {
    console.error(`schema check failed (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
  } else {
    console.log('schema check passed');
  }
} catch (error) {
  console.error(`schema check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
