import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSupervisor } from './supervisor.ts';

const POLICY = { maxRestarts: 3, windowMs: 60_000, backoffMs: 20, maxBackoffMs: 40 };

/** A script that exits 1 on its first `crashes` runs (counted in a file), then stays up. */
function flakyScript(crashes: number): { dir: string; script: string } {
  const dir = mkdtempSync(join(tmpdir(), 'miyu-supervisor-'));
  const script = join(dir, 'child.mjs');
  writeFileSync(
    script,
    `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const file = new URL('./runs', import.meta.url);
const runs = existsSync(file) ? Number(readFileSync(file, 'utf8')) + 1 : 1;
writeFileSync(file, String(runs));
if (runs <= ${crashes}) process.exit(1);
setInterval(() => {}, 1000);
process.on('SIGTERM', () => process.exit(0));`,
  );
  return { dir, script };
}

describe('local supervisor', () => {
  it('restarts a crashed child with growing backoff, and the restarted child keeps running', async () => {
    const { dir, script } = flakyScript(2);
    const restarts: number[] = [];
    const gaveUp: string[] = [];
    const supervisor = createSupervisor({
      cwd: dir,
      labelWidth: 8,
      restart: POLICY,
      onRestart: (_name, _how, delayMs) => restarts.push(delayMs),
      onUnexpectedExit: (name) => gaveUp.push(name),
    });
    supervisor.start({ name: 'flaky', script, env: {}, role: 'subgraph' });
    for (let i = 0; i < 200 && supervisor.children.length < 3; i += 1) await new Promise((r) => setTimeout(r, 25));
    expect(supervisor.children).toHaveLength(3);
    expect(restarts).toEqual([20, 40]);
    const last = supervisor.children.at(-1)!;
    await new Promise((r) => setTimeout(r, 300));
    expect(last.process.exitCode).toBeNull();
    expect(gaveUp).toEqual([]);
    await supervisor.stop();
    expect(await last.exited).toBe('code 0');
  });

  it('gives up on a child that keeps crashing', async () => {
    const { dir, script } = flakyScript(100);
    const gaveUp: string[] = [];
    const supervisor = createSupervisor({
      cwd: dir,
      labelWidth: 8,
      restart: POLICY,
      onUnexpectedExit: (name) => gaveUp.push(name),
    });
    supervisor.start({ name: 'broken', script, env: {}, role: 'subgraph' });
    for (let i = 0; i < 400 && gaveUp.length === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
    expect(gaveUp).toEqual(['broken']);
    expect(supervisor.children).toHaveLength(POLICY.maxRestarts + 1);
    await supervisor.stop();
  });
});
