import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INTERNAL_TOKEN_HEADER, type InternalTokens } from '@miyu/auth/internal-token';
import { type ReadinessCheck, createOpsRoutes, sendJson } from '@miyu/platform/health';
import type { Logger } from '@miyu/platform/logger';
import type { ServiceMetrics } from '@miyu/platform/metrics';
import { extractTraceContext } from '@miyu/platform/tracing/propagation';
import { SpanKind, withSpan } from '@miyu/platform/tracing/spans';
import type { GraphQLSchema } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createErrorMasker } from './error-masking.ts';
import type { RequestBase } from './request-base.ts';
import { attachGraphqlWs } from './subgraph-ws.ts';

/** Extra HTTP routes (JWKS, internal endpoints); return true when handled. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface SubgraphServerOptions<Context extends object> {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  metrics: ServiceMetrics;
  internalTokens: InternalTokens;
  createContext: (base: RequestBase) => Context;
  readiness: Record<string, ReadinessCheck>;
  /** Serve GraphiQL on GET /graphql (development only; still behind the internal token). */
  graphiql: boolean;
  routes?: RouteHandler[];
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * One port for HTTP and graphql-ws. Every GraphQL request must carry the router's internal token:
 * without it the answer is 401 before the body is even read.
 */
export function createSubgraphServer<Context extends object>(options: SubgraphServerOptions<Context>) {
  const { logger, internalTokens } = options;
  const yoga = createYoga<RequestBase>({
    schema: options.schema,
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql,
    renderGraphiQL,
    landingPage: false,
    logging: false,
    maskedErrors: { maskError: createErrorMasker(logger) },
    context: ({ principal, requestId }) => options.createContext({ principal, requestId }),
  });
  const opsRoutes = createOpsRoutes({ metrics: options.metrics, readiness: options.readiness });
  const routes = options.routes ?? [];

  const server = createServer(async (req, res) => {
    const started = performance.now();
    res.on('finish', () => {
      const route = (req.url ?? '').split('?')[0] ?? '';
      options.metrics.httpDuration.observe(
        { method: req.method ?? '', route, status: res.statusCode },
        (performance.now() - started) / 1000,
      );
    });
    try {
      if (await opsRoutes(req, res)) return;
      for (const route of routes) if (await route(req, res)) return;
      const principal = await internalTokens.verify(headerValue(req, INTERNAL_TOKEN_HEADER));
      if (!principal)
        return sendJson(res, 401, { errors: [{ message: 'Unauthorized.', extensions: { code: 'UNAUTHENTICATED' } }] });
      const requestId = headerValue(req, 'x-request-id') ?? randomUUID();
      // a server span continuing the router's traceparent (the gateway's fetch span)
      await withSpan(
        `${options.name} graphql`,
        { kind: SpanKind.SERVER, parent: extractTraceContext(req.headers), attributes: { 'miyu.subgraph': options.name } },
        () => yoga(req, res, { principal, requestId }),
      );
    } catch (error) {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Unexpected error.' }] });
    }
  });
  const ws = attachGraphqlWs({ server, yoga, internalTokens, logger });

  return {
    yoga,
    async listen(port: number, host = '127.0.0.1'): Promise<RunningServer> {
      await new Promise<void>((resolve) => server.listen(port, host, resolve));
      const address = server.address() as AddressInfo;
      const url = `http://${host}:${address.port}/graphql`;
      logger.info({ url }, `${options.name} subgraph listening`);
      return {
        server,
        url,
        close: async () => {
          await ws.close();
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    },
  };
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
