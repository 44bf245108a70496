import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SKIP = new Set(['node_modules', '.git', '.data', 'gql', 'dist']);

/** Every TypeScript source under `root` (tests included), as absolute paths. */
export function sourceFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    if (SKIP.has(name) || name.startsWith('.')) return [];
    const path = join(root, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Relative imports of each file (static `import`/`export … from`, type-only ones included), repo-relative. */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const source = readFileSync(file, 'utf8');
    const targets = [...source.matchAll(/(?:import|export)[^'";]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((match) =>
      relative(root, resolve(dirname(file), match[1] as string)),
    );
    graph.set(relative(root, file), targets);
  }
  return graph;
}

/** Strongly connected components with more than one member (or a self-import): the import cycles. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowlinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    lowlinks.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        lowlinks.set(node, Math.min(lowlinks.get(node)!, lowlinks.get(next)!));
      } else if (onStack.has(next)) {
        lowlinks.set(node, Math.min(lowlinks.get(node)!, indices.get(next)!));
      }
    }
    if (lowlinks.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}

/** The same graph one level up: which feature folder imports which (`…/modules/message` → `…/modules/reply`). */
export function folderGraph(graph: Map<string, string[]>): Map<string, string[]> {
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = dirname(file);
    const set = folders.get(from) ?? new Set<string>();
    for (const target of targets) if (dirname(target) !== from && graph.has(target)) set.add(dirname(target));
    folders.set(from, set);
  }
  return new Map([...folders].map(([folder, targets]) => [folder, [...targets]]));
}
