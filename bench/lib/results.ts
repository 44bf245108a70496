import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** Where and on what the numbers were taken: they mean little without it. */
export function machine() {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
  };
}

/** Writes bench/results/<date>.json (date and time, so runs on one day do not overwrite). */
export function writeResults(results: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/:/gu, '-').replace(/\..*$/u, '');
  const path = `${RESULTS_DIR}${stamp}.json`;
  writeFileSync(path, `${JSON.stringify({ at: new Date().toISOString(), machine: machine(), ...results }, null, 2)}\n`);
  return path;
}
