import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const SKIP = new Set(['node_modules', '.git', '.data']);

function envFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return envFiles(path);
    return name.endsWith('env.ts') ? [path] : [];
  });
}

/** Variable names declared in zod env schemas: `NAME: z…` (also with `.string()` on the next line), `NAME: envFields…` or `NAME: required(…)`. */
function declaredVariables(source: string): string[] {
  return [...source.matchAll(/^\s+([A-Z][A-Z0-9_]+):\s*(z\b|envFields\.|required\()/gm)].map((match) => match[1] as string);
}

describe('.env.example', () => {
  it('lists every variable the services read, and nothing else', () => {
    const declared = new Set(envFiles(root).flatMap((file) => declaredVariables(readFileSync(file, 'utf8'))));
    declared.delete('MIYU_TEST_LOG_LEVEL'); // test-only switch of @miyu/testing
    declared.delete('CI'); // set by CI runners, read only by the test runner (scripts/test.ts)
    const example = new Set(
      [...readFileSync(join(root, '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1] as string),
    );
    expect([...declared].filter((name) => !example.has(name)).sort(), 'missing from .env.example').toEqual([]);
    expect([...example].filter((name) => !declared.has(name)).sort(), 'in .env.example but read by no env.ts').toEqual([]);
  });
});
