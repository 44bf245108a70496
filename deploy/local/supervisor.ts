import { type ChildProcess, spawn } from 'node:child_process';
import { createLabel, prefixLines } from './output-prefix.ts';

export interface ChildSpec {
  name: string;
  /** Script path relative to cwd, run with this Node binary. */
  script: string;
  env: Record<string, string>;
  /** Stopped first on shutdown, so routers drain before the subgraphs behind them go. */
  role: 'worker' | 'router' | 'subgraph';
}

export interface RunningChild {
  spec: ChildSpec;
  process: ChildProcess;
  /** Resolves with `code N` or `signal S` when the process is gone. */
  exited: Promise<string>;
}

/** How a child that crashes is started again, as a process manager would. */
export interface RestartPolicy {
  /** Crashes tolerated within `windowMs`; one more and the supervisor gives up. */
  maxRestarts: number;
  windowMs: number;
  /** Wait before the n-th restart within the window (n from 1): doubles from this, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 5, windowMs: 60_000, backoffMs: 500, maxBackoffMs: 8_000 };

export interface SupervisorOptions {
  cwd: string;
  labelWidth: number;
  /** A child ended while the supervisor was not stopping, and is started again after `delayMs`. */
  onRestart?: (name: string, how: string, delayMs: number) => void;
  /** A child kept crashing (more than the policy allows): the caller should stop everything. */
  onUnexpectedExit: (name: string, how: string) => void;
  restart?: RestartPolicy;
  killAfterMs?: number;
}

export function createSupervisor(options: SupervisorOptions) {
  const children: RunningChild[] = [];
  let stopping: Promise<void> | undefined;
  const tty = Boolean(process.stdout.isTTY);

  const policy = options.restart ?? DEFAULT_RESTART_POLICY;
  const crashes = new Map<string, number[]>();

  /** Starts the child again with backoff, or gives up when it crashed too often lately. */
  function afterCrash(spec: ChildSpec, how: string): void {
    const now = Date.now();
    const recent = (crashes.get(spec.name) ?? []).filter((at) => now - at < policy.windowMs);
    recent.push(now);
    crashes.set(spec.name, recent);
    if (recent.length > policy.maxRestarts) {
      options.onUnexpectedExit(spec.name, how);
      return;
    }
    const delayMs = Math.min(policy.backoffMs * 2 ** (recent.length - 1), policy.maxBackoffMs);
    options.onRestart?.(spec.name, how, delayMs);
    setTimeout(() => {
      if (!stopping) start(spec);
    }, delayMs).unref();
  }

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
      if (!stopping) afterCrash(spec, how);
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
    /** The processes started, restarts included (the newest of each name last). */
    get children(): readonly RunningChild[] {
      return children;
    },
    get stopping(): boolean {
      return stopping !== undefined;
    },
    /** SIGTERM routers, then subgraphs (SIGKILL after a grace period); resolves when all are gone. */
    stop(): Promise<void> {
      stopping ??= (async () => {
        // platform workers first: they stop taking updates while the routers can still serve them
        await stopGroup(children.filter((child) => child.spec.role === 'worker'));
        await stopGroup(children.filter((child) => child.spec.role === 'router'));
        await stopGroup(children.filter((child) => child.spec.role === 'subgraph'));
      })();
      return stopping;
    },
  };
}

export type Supervisor = ReturnType<typeof createSupervisor>;
