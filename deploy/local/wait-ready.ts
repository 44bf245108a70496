import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningChild } from './supervisor.ts';

/** Status of GET url, or 0 when nothing answers. node:http, not fetch: fetch refuses "bad ports" like 6000. */
function probe(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = get(url, { timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(0));
  });
}

/** Polls `<url>/readyz` until it answers 200; fails if the child exits or time runs out. */
export async function waitReady(child: RunningChild, baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  void child.exited.then((how) => {
    exited = how;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${child.spec.name} exited (${exited}) before it was ready`);
    if ((await probe(`${baseUrl}/readyz`, 2_000)) === 200) return;
    await sleep(250);
  }
  throw new Error(`${child.spec.name} was not ready within ${Math.round(timeoutMs / 1000)}s (${baseUrl}/readyz)`);
}
