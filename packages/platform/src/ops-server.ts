import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpsRoutes, type ReadinessCheck } from './health.ts';
import type { ServiceMetrics } from './metrics.ts';

export interface OpsServerOptions {
  port: number;
  host: string;
  metrics: ServiceMetrics;
  readiness: Record<string, ReadinessCheck>;
  /** Extra routes (the webhook); returns true when it handled the request. */
  extra?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

/** /healthz, /readyz and /metrics like every MIYU service, plus the worker's own routes. */
export async function startOpsServer(
  options: OpsServerOptions,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const ops = createOpsRoutes({ metrics: options.metrics, readiness: options.readiness });
  const server = createServer((req, res) => {
    void (async () => {
      if (await ops(req, res)) return;
      if (options.extra && (await options.extra(req, res))) return;
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
