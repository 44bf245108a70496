import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.ts';

const root = new URL('..', import.meta.url).pathname;

describe('generated client documents', () => {
  it('match what codegen.ts produces from the committed API schema (regenerate with npm run codegen)', async () => {
    const files = (await generate({ ...config, cwd: root, silent: true }, false)) as { filename: string; content: string }[];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(readFileSync(join(root, file.filename), 'utf8'), file.filename).toBe(file.content);
    }
  });
});
