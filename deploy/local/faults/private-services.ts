/**
 * A PostgreSQL cluster and a Redis server of the fault suite's own, on other ports and in a temp
 * folder, so stopping them never touches the shared 127.0.0.1:5432 / :6379 others use.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';

export interface PrivateService {
  url: string;
  /** Stops the server (a clean shutdown: data stays, as with a restarted service). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once something accepts TCP connections on the port, within `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => resolve(socket.destroy() && true));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

/** initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/<version>/bin. */
function postgresBin(name: string, searchPath: string): string {
  for (const dir of searchPath.split(':')) if (dir && existsSync(join(dir, name))) return join(dir, name);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(join(root, version, 'bin', name))) return join(root, version, 'bin', name);
  throw new Error(`${name} not found (install PostgreSQL's server package)`);
}

/** PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user. */
function asOwner(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function run(command: string, args: string[], timeoutMs: number): void {
  const [file, argv] = asOwner(command, args);
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
}

/** `searchPath`: the PATH to look for initdb and pg_ctl in first. */
export async function startPrivatePostgres(dir: string, port: number, searchPath: string): Promise<PrivateService> {
  const data = join(dir, 'pg');
  mkdirSync(data, { recursive: true });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chownSync(data, uid, gid);
  }
  run(postgresBin('initdb', searchPath), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'], 120_000);
  const options = `-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400`;
  const pgCtl = postgresBin('pg_ctl', searchPath);
  const start = async () => {
    run(pgCtl, ['-D', data, '-o', options, '-l', join(data, 'server.log'), '-w', '-t', '60', 'start'], 70_000);
    await waitForPort(port, 30_000);
  };
  const stop = async () => run(pgCtl, ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop'], 70_000);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/miyu_faults`,
    start,
    stop,
    async close() {
      await stop().catch(() => {});
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export async function startPrivateRedis(dir: string, port: number): Promise<PrivateService> {
  const data = join(dir, 'redis');
  mkdirSync(data, { recursive: true });
  let server: ChildProcess | undefined;
  // append-only file: a stopped and restarted Redis keeps its streams, as a production one would
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', data, '--save', '', '--appendonly', 'yes'];
  const start = async () => {
    server = spawn('redis-server', args, { stdio: 'ignore' });
    await waitForPort(port, 15_000);
  };
  const stop = async () => {
    const running = server;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (running.exitCode === null) running.kill('SIGKILL');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    async close() {
      await stop();
      rmSync(data, { recursive: true, force: true });
    },
  };
}
