import { type ChildProcess, spawn } from 'node:child_process';
import { createLabel, prefixLines } from './output-prefix.ts';

export interface ChildSpec {
  name: string;
  /** Script path relative to cwd, run with this Node binary. */
  script: string;
  env: Record<string, string>;
  /** Stopped first on shutdown, so routers drain before the subgraphs behind them go. */
  role: 'router' | 'subgraph';
}

export interface RunningChild {
  spec: ChildSpec;
  process: ChildProcess;
  /** Resolves with `code N` or `signal S` when the process is gone. */
  exited: Promise<string>;
}

export interface SupervisorOptions {
  cwd: string;
  labelWidth: number;
  /** A child ended while the supervisor was not stopping. */
  onUnexpectedExit: (name: string, how: string) => void;
  killAfterMs?: number;
}

export function createSupervisor(options: SupervisorOptions) {
  const children: RunningChild[] = [];
  let stopping: Promise<void> | undefined;
  const tty = Boolean(process.stdout.isTTY);

  function start(spec: ChildSpec): RunningChild {
    if (stopping) throw new Error(`not starting ${spec.name}: shutting down`);
    const child = spawn(process.execPath, [spec.script], { cwd: options.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const label = createLabel(spec.name, options.labelWidth, tty);
    prefixLines(child.stdout, process.stdout, label);
    prefixLines(child.stderr, process.stderr, label);
    const exited = new Promise<string>((resolve) => {
      child.once('error', (error) => resolve(`spawn error ${error.message}`));
      child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`));
    });
    const running = { spec, process: child, exited };
    children.push(running);
    void exited.then((how) => {
      if (!stopping) options.onUnexpectedExit(spec.name, how);
    });
    return running;
  }

  async function stopGroup(group: RunningChild[]): Promise<void> {
    const alive = group.filter((child) => child.process.exitCode === null && child.process.signalCode === null);
    for (const child of alive) child.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const child of alive) if (child.process.exitCode === null) child.process.kill('SIGKILL');
    }, options.killAfterMs ?? 15_000);
    await Promise.all(alive.map((child) => child.exited));
    clearTimeout(timer);
  }

  return {
    start,
    get stopping(): boolean {
      return stopping !== undefined;
    },
    /** SIGTERM routers, then subgraphs (SIGKILL after a grace period); resolves when all are gone. */
    stop(): Promise<void> {
      stopping ??= (async () => {
        await stopGroup(children.filter((child) => child.spec.role === 'router'));
        await stopGroup(children.filter((child) => child.spec.role === 'subgraph'));
      })();
      return stopping;
    },
  };
}

export type Supervisor = ReturnType<typeof createSupervisor>;
