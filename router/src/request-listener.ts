import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createOpsRoutes, type ReadinessCheck } from '@miyu/platform/health';
import type { Logger } from '@miyu/platform/logger';
import type { ServiceMetrics } from '@miyu/platform/metrics';
import type { RouterConfig } from './env.ts';
import { createWebAppHandler } from './web-app/web-app-handler.ts';

interface ListenerOptions {
  config: RouterConfig;
  metrics: ServiceMetrics;
  logger: Logger;
  handleGraphql: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  readiness: Record<string, ReadinessCheck>;
}

/** Routes: /healthz, /readyz, /metrics, GraphiQL on GET /graphql (browsers), GraphQL, the web app at `/`. */
export function createRequestListener(options: ListenerOptions) {
  const { metrics, logger } = options;
  const opsRoutes = createOpsRoutes({ metrics, readiness: { supergraph: async () => true, ...options.readiness } });
  let graphiqlPage: string | undefined;
  const webApp = createWebAppHandler();
  return async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://router');
    res.on('finish', () => {
      metrics.httpDuration.observe(
        { method: req.method ?? '', route: url.pathname, status: res.statusCode },
        (performance.now() - started) / 1000,
      );
    });
    try {
      if (await opsRoutes(req, res)) return;
      if (url.pathname !== '/graphql') {
        if (await webApp(req, res, url)) return;
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
        return;
      }
      if (req.method === 'GET' && options.config.graphiql && (req.headers.accept ?? '').includes('text/html')) {
        // rendered on first use: the page inlines GraphiQL's assets (no CDN) and is large
        graphiqlPage ??= renderGraphiQL({ endpoint: '/graphql', title: 'MIYU GraphiQL', subscriptionsProtocol: 'WS' });
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(graphiqlPage);
        return;
      }
      await options.handleGraphql(req, res, url);
    } catch (error) {
      logger.error({ err: error }, 'router request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    }
  };
}
