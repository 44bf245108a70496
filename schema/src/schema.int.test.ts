import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSchemaCheck } from './run-check.ts';
import { findMissingContract } from './check-rules.ts';
import {
  API_PATH,
  generatedPaths,
  generateSchemaFiles,
  readContract,
  readUpstreamContract,
  readWorkingTree,
} from './schema-files.ts';

// The real thing: every subgraph built from code in memory (one PGlite each), composed and
// compared with the committed files. Fails until the output of `npm run schema:generate` is
// committed after a schema change. Slow on a busy machine, hence the long timeouts.
describe('schema', () => {
  let generated: Map<string, string>;
  beforeAll(async () => {
    generated = await generateSchemaFiles();
  }, 300_000);

  it('the client contract is valid SDL', () => {
    expect(buildSchema(readContract()).getQueryType()?.name).toBe('Query');
  });

  // The copy in the repository may grow, never lose what the contract it was taken from has.
  it.runIf(readUpstreamContract() !== undefined)('the copy still covers every field of the upstream contract', () => {
    expect(findMissingContract(readUpstreamContract() ?? '', readContract(), []).violations).toEqual([]);
  });

  it('fails the check when the copy lost a field of the upstream contract, and passes with none beside it', async () => {
    const upstream = join(mkdtempSync(join(tmpdir(), 'miyu-contract-')), 'api.graphql');
    writeFileSync(upstream, `${readContract()}\nextend type User { favouriteColour: String }\n`);
    const lost = await runSchemaCheck({ generated, upstreamContract: upstream });
    expect(lost.problems).toEqual([expect.stringMatching(/schema\/contract\.graphql no longer covers .*favouriteColour/)]);
    const none = await runSchemaCheck({ generated, upstreamContract: join(tmpdir(), 'no-such-dir', 'api.graphql') });
    expect(none.problems).toEqual([]);
    expect(none.notes).toContainEqual(expect.stringMatching(/no upstream contract/));
  });

  it('generates every file, and the API schema carries no federation machinery', () => {
    expect([...generated.keys()]).toEqual(generatedPaths());
    expect(generated.get(API_PATH)).not.toMatch(/@join__|@link|_entities|_service|_Any/);
  });

  it('regenerates exactly the committed files (a previous run), so output is deterministic', () => {
    expect(readWorkingTree(generatedPaths())).toEqual(generated);
  });

  it('passes schema:check (drift, composition, breaking changes, contract)', async () => {
    expect(await runSchemaCheck({ generated })).toMatchObject({ problems: [] });
  });
});
