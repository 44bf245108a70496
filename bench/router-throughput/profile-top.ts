/**
 * `npx node bench/router-throughput/profile-top.ts <file.cpuprofile> [n]`: the functions with the
 * most self time in a V8 CPU profile (`node --cpu-prof`), self time summed by package, and the
 * functions with the most total time (self + what they called, each sample counted once per
 * function), as Markdown tables for bench/README.md. The service is named from the profile's
 * `subgraphs/<name>/` or `router/` scripts.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const [file, count = '25', window] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [n] [from-to: seconds before the profile ends, e.g. 17-1]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
// only the samples taken between `from` and `to` seconds before the profile ends (the load window)
const [fromSeconds, toSeconds] = window ? window.split('-').map(Number) : [Number.POSITIVE_INFINITY, 0];
const sampleTimes: number[] = [];
profile.timeDeltas.reduce((at, delta) => {
  sampleTimes.push(at + delta);
  return at + delta;
}, 0);
const endMicros = sampleTimes.at(-1) ?? 0;
const inWindow = (micros: number) =>
  micros >= endMicros - (fromSeconds ?? 0) * 1e6 && micros <= endMicros - (toSeconds ?? 0) * 1e6;
const selfMicros = new Map<number, number>();
for (const [index, id] of profile.samples.entries())
  if (inWindow(sampleTimes[index]!)) selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
const total = [...selfMicros].reduce((sum, [id, value]) => (idle.has(id) ? sum : sum + value), 0);
const nameOf = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^file:\/\/\/work\/main\//, '').replace(/^.*node_modules\//, '');
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
};
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
const services = new Map<string, number>();
for (const node of profile.nodes) {
  const service = /\/(subgraphs\/[a-z]+|router)\/src\//.exec(node.callFrame.url)?.[1];
  if (service) services.set(service, (services.get(service) ?? 0) + 1);
  const micros = selfMicros.get(node.id) ?? 0;
  if (!micros || node.callFrame.functionName === '(idle)') continue;
  const { url, functionName } = node.callFrame;
  const where = url.replace(/^file:\/\/\/work\/main\//, '').replace(/^.*node_modules\//, '');
  const name = nameOf(node);
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  const pkg = url.includes('node_modules/')
    ? (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? 'node_modules')
    : url.startsWith('node:')
      ? 'node internals'
      : url
        ? `miyu ${where.split('/').slice(0, 2).join('/')}`
        : functionName || '(native)';
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
}
// total time: walk the tree, each node's subtree time credited once to every distinct function above it
const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
const subtree = new Map<number, number>();
const subtreeOf = (id: number): number => {
  const cached = subtree.get(id);
  if (cached !== undefined) return cached;
  const node = nodesById.get(id)!;
  const own = idle.has(id) ? 0 : (selfMicros.get(id) ?? 0);
  const value = own + (node.children ?? []).reduce((sum, child) => sum + subtreeOf(child), 0);
  subtree.set(id, value);
  return value;
};
const roots = profile.nodes.filter((node) => node.callFrame.functionName === '(root)');
const byTotal = new Map<string, number>();
const stack: { id: number; names: Set<string> }[] = roots.map((node) => ({ id: node.id, names: new Set<string>() }));
while (stack.length) {
  const { id, names } = stack.pop()!;
  const node = nodesById.get(id)!;
  const name = nameOf(node);
  let seen = names;
  if (!names.has(name)) {
    byTotal.set(name, (byTotal.get(name) ?? 0) + subtreeOf(id));
    seen = new Set(names).add(name);
  }
  for (const child of node.children ?? []) stack.push({ id: child, names: seen });
}
byTotal.delete('(root)');
const table = (title: string, rows: Map<string, number>, n: number, heading = 'self ms') => {
  console.log(`| ${title} | ${heading} | share |\n|---|---|---|`);
  for (const [name, micros] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(
      `| \`${name.replaceAll('|', '\\|')}\` | ${(micros / 1000).toFixed(0)} | ${((micros / total) * 100).toFixed(1)} % |`,
    );
  console.log('');
};
const service = [...services].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown';
console.log(`${service}: busy (not idle) ${(total / 1000).toFixed(0)} ms\n`);
table('function', byFunction, Number(count));
table('package', byPackage, 15);
table('function (total)', byTotal, Number(count), 'total ms');
