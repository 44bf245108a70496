import type { ChildProcess } from 'node:child_process';

/** Polls a spawned service's /readyz until it answers OK; fails at once if the child exits. */
export async function waitChildReady(child: ChildProcess, port: number, label: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${label} did not become ready`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
