/**
 * `npm run start:distributed -- --replicas 2` as the fault suite runs it: the launcher as a child
 * process, its output in a log file, and its services found by script and PORT to be killed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planTopology, type Topology } from '../topology.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface DistributedRun {
  topology: Topology;
  routerUrls: string[];
  /** The PID of the process serving `script` on `port` (after a restart: the new one). */
  pidOf(script: string, port: number): number | undefined;
  kill(script: string, port: number, signal: NodeJS.Signals): number;
  /** Resolves when the process on `script`/`port` answers /readyz again, within `timeoutMs`. */
  waitReady(port: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

function childPids(pid: number): number[] {
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return [];
  return readdirSync(tasks).flatMap((task) => {
    try {
      return readFileSync(`${tasks}/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

function describe(pid: number): { script: string; port: string } | undefined {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    const port = environ.find((entry) => entry.startsWith('PORT='))?.slice(5) ?? '';
    return { script: argv[1] ?? '', port };
  } catch {
    return undefined;
  }
}

export async function ready(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

export async function startDistributed(options: {
  basePort: number;
  /** The whole environment of the launcher (it passes it on to the services). */
  env: Record<string, string>;
  logFile: string;
  readyTimeoutMs: number;
}): Promise<DistributedRun> {
  const topology = planTopology(2, options.basePort);
  const log = createWriteStream(options.logFile);
  const launcher: ChildProcess = spawn(
    process.execPath,
    ['deploy/local/start-distributed.ts', '--replicas', '2', '--base-port', String(options.basePort)],
    { cwd: ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  launcher.stdout?.pipe(log, { end: false });
  launcher.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
  // the launcher's last words, named in the error when it does not start
  let seen = '';
  const isReady = new Promise<void>((resolve) => {
    launcher.stdout?.on('data', (data: Buffer) => {
      seen = (seen + data.toString()).slice(-4_000);
      if (seen.includes('MIYU is ready')) resolve();
    });
  });
  launcher.stderr?.on('data', (data: Buffer) => {
    seen = (seen + data.toString()).slice(-4_000);
  });
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), options.readyTimeoutMs).unref());
  const outcome = await Promise.race([isReady.then(() => 'ready' as const), exited.then(() => 'exited' as const), timeout]);
  const stop = async () => {
    if (launcher.exitCode === null) launcher.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    if (launcher.exitCode === null) launcher.kill('SIGKILL');
    log.end();
  };
  if (outcome !== 'ready') {
    await stop();
    const last = seen.trim().split('\n').slice(-3).join(' / ');
    throw new Error(`the distributed mode did not start (${outcome}): ${last}; see ${options.logFile}`);
  }
  const pidOf = (script: string, port: number) =>
    childPids(launcher.pid as number).find((pid) => {
      const found = describe(pid);
      return found?.script.endsWith(script) && found.port === String(port);
    });
  return {
    topology,
    routerUrls: topology.routerPorts.map((port) => `http://127.0.0.1:${port}`),
    pidOf,
    kill(script, port, signal) {
      const pid = pidOf(script, port);
      if (!pid) throw new Error(`no process runs ${script} on :${port}`);
      process.kill(pid, signal);
      return pid;
    },
    waitReady: (port, timeoutMs) => ready(`http://127.0.0.1:${port}`, timeoutMs),
    stop,
  };
}
