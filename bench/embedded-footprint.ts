/**
 * Embedded footprint (issue 13, goal 1): `npm start`'s first start on an empty data folder, a
 * restart, the resident memory of its process tree when idle, and after 10,000 messages and
 * 10,000 memories, for the shared layout (one PGlite, one schema per subgraph) against the older
 * one (one PGlite per subgraph) as the baseline, in the same run, alternating. The memory of the
 * process tree is sampled every 250 ms the whole time. Ready = from spawning the process to its
 * ready line (module loading included, as a person running `npm start` waits for it).
 * Writes bench/results/<stamp>-embedded-footprint.{json,svg}.
 * Run: node bench/embedded-footprint.ts [rounds=1] [seed=10000]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { footprintChart, LAYOUTS, type Sample } from './embedded-footprint-chart.ts';

const IDLE_SETTLE_MS = 8_000;
const SAMPLE_EVERY_MS = 250;
const TARGET = { firstMs: 5_000, restartMs: 2_000, idleMb: 500, loadedMb: 700 };
const CHILD = new URL('./embedded-footprint-child.ts', import.meta.url);

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

interface Running {
  child: ChildProcess;
  lines: AsyncIterator<string>;
  readyMs: number;
}

async function nextJson(lines: AsyncIterator<string>, what: string): Promise<Record<string, number>> {
  for (;;) {
    const { value, done } = await lines.next();
    if (done) throw new Error(`the stack exited before ${what}`);
    if (value.startsWith('{')) return JSON.parse(value) as Record<string, number>;
  }
}

async function startOnce(dataDir: string, layout: Sample['layout'], onSpawn: (child: ChildProcess) => void): Promise<Running> {
  const spawned = performance.now();
  const child = spawn(process.execPath, [CHILD.pathname, dataDir, layout], { stdio: ['pipe', 'pipe', 'inherit'] });
  onSpawn(child);
  const reader: Interface = createInterface({ input: child.stdout! });
  const lines = reader[Symbol.asyncIterator]();
  await nextJson(lines, 'it was ready');
  return { child, lines, readyMs: Math.round(performance.now() - spawned) };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function measure(layout: Sample['layout'], seedCount: number): Promise<Sample> {
  const dataDir = mkdtempSync(join(tmpdir(), `miyu-footprint-${layout}-`));
  const series: Sample['series'] = [];
  const t0 = performance.now();
  let current: ChildProcess | undefined;
  let phase = 'first start';
  const sampler = setInterval(() => {
    if (current?.pid) series.push([Number(((performance.now() - t0) / 1000).toFixed(2)), treeRssMb(current.pid), phase]);
  }, SAMPLE_EVERY_MS);
  try {
    // sampled from the spawn on, through the start
    const spawnTracked = () =>
      startOnce(dataDir, layout, (child) => {
        current = child;
      });
    const first = await spawnTracked();
    phase = 'idle after first start';
    await sleep(IDLE_SETTLE_MS);
    const idleFirstMb = treeRssMb(first.child.pid!);
    await stop(first.child);
    phase = 'restart';
    const again = await spawnTracked();
    phase = 'idle after restart';
    await sleep(IDLE_SETTLE_MS);
    const idleRestartMb = treeRssMb(again.child.pid!);
    phase = `storing ${seedCount} messages and memories`;
    again.child.stdin!.write(`seed ${seedCount}\n`);
    const seeded = await nextJson(again.lines, 'the rows were stored');
    phase = 'idle after storing';
    await sleep(IDLE_SETTLE_MS);
    const loadedMb = treeRssMb(again.child.pid!);
    await stop(again.child);
    return {
      layout,
      firstMs: first.readyMs,
      restartMs: again.readyMs,
      idleFirstMb,
      idleRestartMb,
      loadedMb,
      peakMb: Math.max(...series.map(([, mb]) => mb)),
      seeded: seedCount,
      seedMs: seeded.ms ?? 0,
      series,
    };
  } finally {
    clearInterval(sampler);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const rounds = Number(process.argv[2] ?? 1);
  const seedCount = Number(process.argv[3] ?? 10_000);
  const samples: Sample[] = [];
  for (let round = 0; round < rounds; round++)
    for (const layout of LAYOUTS) {
      const sample = await measure(layout, seedCount);
      samples.push(sample);
      console.log(
        `[footprint] ${layout.padEnd(12)} first start ${sample.firstMs} ms, restart ${sample.restartMs} ms, idle RSS ${sample.idleFirstMb} MB after the first start, ${sample.idleRestartMb} MB after the restart, ${sample.loadedMb} MB after ${seedCount} messages and memories (stored in ${sample.seedMs} ms), peak ${sample.peakMb} MB`,
      );
    }
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  for (const sample of samples.filter((candidate) => candidate.layout === 'shared'))
    console.log(
      `[footprint] targets: first ≤ ${TARGET.firstMs} ms ${met(sample.firstMs <= TARGET.firstMs)}, restart ≤ ${TARGET.restartMs} ms ${met(sample.restartMs <= TARGET.restartMs)}, idle ≤ ${TARGET.idleMb} MB ${met(sample.idleRestartMb <= TARGET.idleMb)}, loaded ≤ ${TARGET.loadedMb} MB ${met(sample.loadedMb <= TARGET.loadedMb)}`,
    );
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
  const base = new URL(`./results/${stamp}-embedded-footprint`, import.meta.url).pathname;
  writeFileSync(`${base}.json`, `${JSON.stringify({ samples, target: TARGET }, null, 2)}\n`);
  writeFileSync(`${base}.svg`, footprintChart(samples, TARGET));
  console.log(`[footprint] wrote ${base}.json and .svg`);
}
