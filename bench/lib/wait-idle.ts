import { readFileSync } from 'node:fs';

interface CpuTimes {
  busy: number;
  total: number;
}

/** Machine-wide CPU time from /proc/stat (Linux), in clock ticks; steal time is left out of both. */
function readCpuTimes(): CpuTimes {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user + nice + system + irq + softirq;
  return { busy, total: busy + idle + iowait };
}

/**
 * Waits until the whole machine is quiet: CPU busy below `maxBusyFraction` (of all cores) over a
 * `windowMs` window. A phase then starts from a settled system instead of paying for the previous
 * phase's background work (event consumers, outbox relays, PostgreSQL's own housekeeping).
 */
export async function waitForIdleMachine(
  options: { maxBusyFraction?: number; windowMs?: number; timeoutMs?: number } = {},
): Promise<{ waitedMs: number; settled: boolean }> {
  const { maxBusyFraction = 0.1, windowMs = 500, timeoutMs = 60_000 } = options;
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const before = readCpuTimes();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = readCpuTimes();
    const total = after.total - before.total;
    if (total > 0 && (after.busy - before.busy) / total <= maxBusyFraction)
      return { waitedMs: Math.round(performance.now() - started), settled: true };
  }
  return { waitedMs: Math.round(performance.now() - started), settled: false };
}
