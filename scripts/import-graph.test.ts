import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph } from './import-graph.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('import graph', () => {
  it('finds a cycle, including one through a type-only import', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('has no import cycle between the files of the repository', () => {
    expect(findCycles(importGraph(ROOT))).toEqual([]);
  });
});
