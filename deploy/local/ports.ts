import { createServer } from 'node:net';

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Fails before anything starts when a port is taken (often by a running `npm start`). */
export async function assertPortsFree(ports: { port: number; host: string }[]): Promise<void> {
  const taken: number[] = [];
  for (const { port, host } of ports) if (!(await isFree(port, host))) taken.push(port);
  if (taken.length > 0) throw new Error(`ports already in use: ${taken.join(', ')} (is another MIYU running?)`);
}
