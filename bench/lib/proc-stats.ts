import { readFileSync } from 'node:fs';

/** Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
const TICKS_PER_SECOND = 100;

export interface ProcSample {
  rssKb: number;
  /** utime + stime in milliseconds. */
  cpuMs: number;
}

/** RSS and CPU time of a process, read from /proc (Linux only). */
export function readProc(pid: number): ProcSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = /^VmRSS:\s+(\d+) kB/mu.exec(status);
  // fields after the parenthesised command name; utime and stime are fields 14 and 15
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssKb: Number(rss?.[1] ?? 0), cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
}

/** Samples RSS every `intervalMs` and keeps the peak, until stopped. */
export function watchPeakRss(pid: number, intervalMs = 50) {
  let peak = readProc(pid).rssKb;
  const sample = () => {
    try {
      peak = Math.max(peak, readProc(pid).rssKb);
    } catch {
      clearInterval(timer); // the process is gone; the bench reports its own error
    }
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/** Resolves once the process used under `busyShare` of one core over a window (it went quiet). */
export async function waitUntilIdle(pids: number[], options: { windowMs?: number; busyShare?: number; timeoutMs?: number } = {}) {
  const windowMs = options.windowMs ?? 500;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    const before = pids.map((pid) => readProc(pid).cpuMs);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const busiest = Math.max(...pids.map((pid, index) => readProc(pid).cpuMs - before[index]!));
    if (busiest <= windowMs * (options.busyShare ?? 0.05)) return;
  }
  throw new Error('processes did not go idle');
}
