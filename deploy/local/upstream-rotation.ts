/** One replica behind the proxy. */
export interface Upstream {
  host: string;
  port: number;
}

export function parseUpstream(url: string): Upstream {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') throw new Error(`upstream must be an http:// URL, got ${parsed.protocol}`);
  return { host: parsed.hostname, port: Number(parsed.port || 80) };
}

/**
 * Round-robin order with passive health: a replica that refused a connection is tried last
 * for `downForMs`, so a crashed replica costs one failed connect, not one failed request in N.
 * It is still tried when every replica looks down, so recovery needs no active probe.
 */
export function createRotation(count: number, options: { downForMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const downUntil = new Array<number>(count).fill(0);
  let cursor = 0;
  const isUp = (index: number, at: number) => (downUntil[index] ?? 0) <= at;
  return {
    /** Indexes to try for one request, best first. */
    next(): number[] {
      const start = cursor;
      cursor = (cursor + 1) % count;
      const order = Array.from({ length: count }, (_, offset) => (start + offset) % count);
      const at = now();
      return [...order.filter((index) => isUp(index, at)), ...order.filter((index) => !isUp(index, at))];
    },
    markDown(index: number): void {
      downUntil[index] = now() + options.downForMs;
    },
    markUp(index: number): void {
      downUntil[index] = 0;
    },
  };
}

export type Rotation = ReturnType<typeof createRotation>;

/** The connection never reached the replica: retrying elsewhere cannot run an operation twice. */
export function isRefused(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
}
