import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromHost, HostStart, ToHost } from './host-protocol.ts';

const HOST_ENTRY = fileURLToPath(new URL('./subgraph-host.ts', import.meta.url));

/** Forks the subgraph host and waits until every subgraph listens. */
export async function startHostProcess(settings: Omit<HostStart, 'type'>) {
  const child: ChildProcess = fork(HOST_ENTRY, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const post = (message: ToHost) => child.send(message);
  const next = () =>
    new Promise<FromHost>((resolve, reject) => {
      child.once('message', (message) => resolve(message as FromHost));
      child.once('exit', (code) => reject(new Error(`subgraph host exited (${code})`)));
    });
  const ready = next();
  post({ type: 'start', ...settings });
  const answer = await ready;
  if (answer.type !== 'ready') {
    child.kill();
    throw new Error(`subgraph host failed: ${JSON.stringify(answer)}`);
  }
  return {
    pid: child.pid!,
    urls: answer.urls,
    setRouterUrl: (url: string) => post({ type: 'router', url }),
    async stop(): Promise<void> {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      post({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type HostProcess = Awaited<ReturnType<typeof startHostProcess>>;
