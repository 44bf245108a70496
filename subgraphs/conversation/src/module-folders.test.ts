import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, folderGraph, importGraph } from '../../../scripts/import-graph.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const MODULES = 'subgraphs/conversation/src/modules/';

/** Which module folder imports which, inside this subgraph (the src root composes them and is left out). */
function moduleFolders() {
  const folders = folderGraph(importGraph(ROOT));
  return new Map(
    [...folders]
      .filter(([folder]) => folder.startsWith(MODULES))
      .map(([folder, targets]) => [
        folder.slice(MODULES.length),
        targets.filter((t) => t.startsWith(MODULES)).map((t) => t.slice(MODULES.length)),
      ]),
  );
}

describe('conversation module folders', () => {
  it('the reply pipeline is imported by nothing it imports: message/ and outbox/ never import reply/', () => {
    const folders = moduleFolders();
    expect(folders.get('message')).not.toContain('reply');
    expect(folders.get('outbox')).not.toContain('reply');
    expect(folders.get('conversation')).not.toContain('reply');
  });

  it('has no loop: conversation/ knows nothing of messages, message/ nothing of replies', () => {
    expect(findCycles(moduleFolders())).toEqual([]);
    expect(moduleFolders().get('conversation')).not.toContain('message');
  });
});
