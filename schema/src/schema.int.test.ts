import { buildSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSchemaCheck } from './run-check.ts';
import { API_PATH, generatedPaths, generateSchemaFiles, readContract, readWorkingTree } from './schema-files.ts';

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
