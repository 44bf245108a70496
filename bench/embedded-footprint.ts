/**
 * Embedded footprint (issue 13, goal 1): `npm start`'s first start on an empty data folder, a
 * restart, and the resident memory of the process when idle, for the shared layout (one PGlite,
 * one schema per subgraph) against the older one (one PGlite per subgraph) as the baseline, in
 * the same run, alternating. Writes bench/results/<stamp>-embedded-footprint.{json,svg}.
 * Run: node bench/embedded-footprint.ts [rounds=1]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const LAYOUTS = ['per-subgraph', 'shared'] as const;
const IDLE_SETTLE_MS = 5_000;
const TARGET = { firstMs: 5_000, restartMs: 2_000, idleMb: 500 };
const CHILD = new URL('./embedded-footprint-child.ts', import.meta.url);

interface Sample {
  layout: (typeof LAYOUTS)[number];
  firstMs: number;
  restartMs: number;
  idleFirstMb: number;
  idleRestartMb: number;
}

/** Resident memory of a process and its descendants, in MB (worker threads count in their process). */
function treeRssMb(pid: number): number {
  let kb = 0;
  const visit = (id: number) => {
    try {
      const status = readFileSync(`/proc/${id}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const children = readFileSync(`/proc/${id}/task/${id}/children`, 'utf8').trim();
      for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
    } catch {}
  };
  visit(pid);
  return Math.round(kb / 1024);
}

async function startOnce(dataDir: string, layout: Sample['layout']): Promise<{ child: ChildProcess; readyMs: number }> {
  const child = spawn(process.execPath, [CHILD.pathname, dataDir, layout], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (line.startsWith('{')) return { child, readyMs: (JSON.parse(line) as { readyMs: number }).readyMs };
  }
  throw new Error(`the ${layout} stack exited before it was ready`);
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function measure(layout: Sample['layout']): Promise<Sample> {
  const dataDir = mkdtempSync(join(tmpdir(), `miyu-footprint-${layout}-`));
  try {
    const first = await startOnce(dataDir, layout);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const idleFirstMb = treeRssMb(first.child.pid!);
    await stop(first.child);
    const again = await startOnce(dataDir, layout);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    const idleRestartMb = treeRssMb(again.child.pid!);
    await stop(again.child);
    return { layout, firstMs: first.readyMs, restartMs: again.readyMs, idleFirstMb, idleRestartMb };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function chart(samples: Sample[]): string {
  const metrics = [
    ['first start (s)', (s: Sample) => s.firstMs / 1000, TARGET.firstMs / 1000],
    ['restart (s)', (s: Sample) => s.restartMs / 1000, TARGET.restartMs / 1000],
    ['idle RSS (GB)', (s: Sample) => s.idleRestartMb / 1000, TARGET.idleMb / 1000],
  ] as const;
  const bars: string[] = [];
  metrics.forEach(([label, value, target], m) => {
    const x0 = 40 + m * 220;
    const max = Math.max(target, ...samples.map(value)) * 1.1;
    bars.push(`<text x="${x0}" y="20" font-size="13">${label}</text>`);
    samples.forEach((sample, i) => {
      const h = (value(sample) / max) * 200;
      const x = x0 + i * 45;
      const fill = sample.layout === 'shared' ? '#2a7' : '#999';
      bars.push(`<rect x="${x}" y="${240 - h}" width="38" height="${h}" fill="${fill}"/>`);
      bars.push(`<text x="${x}" y="${236 - h}" font-size="10">${value(sample).toFixed(2)}</text>`);
    });
    const ty = 240 - (target / max) * 200;
    bars.push(`<line x1="${x0 - 4}" x2="${x0 + samples.length * 45}" y1="${ty}" y2="${ty}" stroke="#c33" stroke-dasharray="4"/>`);
  });
  const legend =
    '<text x="40" y="265" font-size="11"><tspan fill="#999">■ per-subgraph (before)</tspan> <tspan fill="#2a7">■ shared (after)</tspan> <tspan fill="#c33">- - target</tspan></text>';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="280" font-family="sans-serif">${bars.join('')}${legend}</svg>\n`;
}

if (import.meta.main) {
  const rounds = Number(process.argv[2] ?? 1);
  const samples: Sample[] = [];
  for (let round = 0; round < rounds; round++)
    for (const layout of LAYOUTS) {
      const sample = await measure(layout);
      samples.push(sample);
      console.log(
        `[footprint] ${layout.padEnd(12)} first start ${sample.firstMs} ms, restart ${sample.restartMs} ms, idle RSS ${sample.idleFirstMb} MB after the first start, ${sample.idleRestartMb} MB after the restart`,
      );
    }
  for (const sample of samples.filter((candidate) => candidate.layout === 'shared'))
    console.log(
      `[footprint] targets: first ≤ ${TARGET.firstMs} ms ${sample.firstMs <= TARGET.firstMs ? 'met' : 'NOT met'}, restart ≤ ${TARGET.restartMs} ms ${sample.restartMs <= TARGET.restartMs ? 'met' : 'NOT met'}, idle ≤ ${TARGET.idleMb} MB ${sample.idleRestartMb <= TARGET.idleMb ? 'met' : 'NOT met'}`,
    );
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
  const base = new URL(`./results/${stamp}-embedded-footprint`, import.meta.url).pathname;
  writeFileSync(`${base}.json`, `${JSON.stringify({ samples, target: TARGET }, null, 2)}\n`);
  writeFileSync(`${base}.svg`, chart(samples));
  console.log(`[footprint] wrote ${base}.json and .svg`);
}
