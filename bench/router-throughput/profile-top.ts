/**
 * `npx node bench/router-throughput/profile-top.ts <file.cpuprofile> [n]`: the functions with the
 * most self time in a V8 CPU profile (`node --cpu-prof`), and self time summed by package, as a
 * Markdown table for bench/README.md.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const [file, count = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [n]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const selfMicros = new Map<number, number>();
for (const [index, id] of profile.samples.entries())
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
const total = [...selfMicros].reduce((sum, [id, value]) => (idle.has(id) ? sum : sum + value), 0);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  if (!micros || node.callFrame.functionName === '(idle)') continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^file:\/\/\/work\/main\//, '').replace(/^.*node_modules\//, '');
  const name = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
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
const table = (title: string, rows: Map<string, number>, n: number) => {
  console.log(`| ${title} | self ms | share |\n|---|---|---|`);
  for (const [name, micros] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(
      `| \`${name.replaceAll('|', '\\|')}\` | ${(micros / 1000).toFixed(0)} | ${((micros / total) * 100).toFixed(1)} % |`,
    );
  console.log('');
};
console.log(`busy (not idle) ${(total / 1000).toFixed(0)} ms\n`);
table('function', byFunction, Number(count));
table('package', byPackage, 15);
