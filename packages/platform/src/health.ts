import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceMetrics } from './metrics.ts';

/** A named readiness probe: resolves true when the dependency is usable. */
export type ReadinessCheck = () => Promise<boolean>;

export interface OpsRoutesOptions {
  metrics: ServiceMetrics;
  readiness: Record<string, ReadinessCheck>;
}

/**
 * Serves /healthz (process alive), /readyz (every dependency answers) and /metrics.
 * Returns true when it handled the request.
 */
export function createOpsRoutes(options: OpsRoutesOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET') return false;
    if (path === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return true;
    }
    if (path === '/readyz') {
      const results = await Promise.all(
        Object.entries(options.readiness).map(async ([name, check]) => [name, await check().catch(() => false)] as const),
      );
      const ready = results.every(([, ok]) => ok);
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
      return true;
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
      res.end(await options.metrics.registry.metrics());
      return true;
    }
    return false;
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
