import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CATALOG } from '@miyu/platform/errors';
import { describe, expect, it } from 'vitest';

const SOURCE = new URL('.', import.meta.url).pathname;

/** Every non-test source file of the router. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Codes the router writes into an error's extensions, or passes to terminateAll. */
function codesWritten(text: string): string[] {
  const written = [...text.matchAll(/code: '([A-Z][A-Z_]+)'/g), ...text.matchAll(/terminateAll\([^)]*'([A-Z][A-Z_]+)'\)/g)];
  return written.map((match) => match[1] as string);
}

describe('error codes', () => {
  it('every code the router sends a client is in the error catalog', () => {
    const files = sourceFiles(SOURCE);
    expect(files.flatMap((file) => codesWritten(readFileSync(file, 'utf8')))).toContain('GRAPHQL_PARSE_FAILED');
    const unknown = files.flatMap((file) =>
      codesWritten(readFileSync(file, 'utf8'))
        .filter((code) => !(code in ERROR_CATALOG))
        .map((code) => `${file.slice(SOURCE.length)}: ${code}`),
    );
    expect(unknown).toEqual([]);
  });

  it('finds a code that is not in the catalog', () => {
    expect(codesWritten("new GraphQLError('x', { extensions: { code: 'NOT_A_CODE' } })")).toEqual(['NOT_A_CODE']);
  });
});
