import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SchemaCheckError } from './compose.ts';
import { generateSchemaFiles, readWorkingTree, REPO_ROOT } from './schema-files.ts';

// `npm run schema:generate`: prints every subgraph's SDL from code, composes the supergraph and
// the API schema, and writes only the files whose text changed.
try {
  const files = await generateSchemaFiles();
  const current = readWorkingTree([...files.keys()]);
  let changed = 0;
  for (const [path, text] of files) {
    const before = current.get(path);
    if (before === text) {
      console.log(`  unchanged ${path}`);
      continue;
    }
    const absolute = join(REPO_ROOT, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    changed += 1;
    console.log(`  ${before === undefined ? 'created' : 'updated'} ${path}`);
  }
  console.log(changed === 0 ? 'schema files are up to date' : `${changed} schema file(s) written`);
} catch (error) {
  console.error(
    error instanceof SchemaCheckError
      ? error.message
      : `schema generation failed: ${error instanceof Error ? error.stack : String(error)}`,
  );
  process.exitCode = 1;
}
