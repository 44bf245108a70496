import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { InternalTokens } from '@miyu/auth/internal-token';
import type { Principal } from '@miyu/auth/principal';
import type { Logger } from '@miyu/platform/logger';
import type { IncomingMessage } from 'node:http';
import type { Registry } from 'prom-client';
import type { Authenticator } from '../authenticate.ts';
import type { RouterConfig } from '../env.ts';
import type { Gateway } from '../gateway.ts';
import type { PersistedOperations } from '../persisted-operations.ts';
import type { RouterContext } from '../router-context.ts';
import { createSubgraphDataSource } from '../subgraph-data-source.ts';
import { loadFederatedSchema } from './federated-schema.ts';
import { createOperationChecker } from './operation-validation.ts';
import { createHttpSubscriptionHandler } from './http-subscription-handler.ts';
import { createSubscriptionHub } from './subscription-hub.ts';
import { createUpstreamPool } from './upstream-pool.ts';
import { attachRouterWebSocket } from './ws-server.ts';

interface LaneOptions {
  config: RouterConfig;
  gateway: Gateway;
  server: Server;
  apollo: ApolloServer<RouterContext>;
  authenticate: Authenticator;
  rateLimit: (principal: Principal, req: IncomingMessage) => Promise<void>;
  internalToken: (principal: Principal) => Promise<string>;
  internalTokens: InternalTokens;
  logger: Logger;
  registry: Registry;
  persisted: PersistedOperations;
}

/** Our subscription lane (docs/architecture.md, section 2.3): graphql-ws, multipart and SSE. */
export function createSubscriptionLane(options: LaneOptions) {
  const { config, gateway, logger } = options;
  const settings = config.subscriptions;
  let schema = loadFederatedSchema(gateway.supergraphSdl);
  const buildServiceMap = () =>
    Object.fromEntries(
      schema.subgraphs.map(({ name, url }) => [
        name,
        createSubgraphDataSource(name, gateway.subgraphUrl(name, url), config.subgraphTimeoutMs, gateway.fetchMetrics),
      ]),
    );
  let serviceMap = buildServiceMap();
  const upstream = createUpstreamPool({
    urls: () => Object.fromEntries(schema.subgraphs.map(({ name, url }) => [name, gateway.subgraphUrl(name, url)])),
    internalTokens: options.internalTokens,
    logger,
    socketsPerSubgraph: settings.socketsPerSubgraph,
    queueLimit: settings.queueLimit,
  });
  const hub = createSubscriptionHub({
    schema: () => schema,
    serviceMap: () => serviceMap,
    upstream,
    logger,
    registry: options.registry,
    limits: { maxPerConnection: settings.maxPerConnection, maxPerProcess: settings.maxPerProcess },
  });
  const checkOperation = createOperationChecker(config.limits);
  const ws = attachRouterWebSocket({
    server: options.server,
    apiSchema: () => schema.apiGraphQLSchema,
    apollo: options.apollo,
    hub,
    authenticate: options.authenticate,
    rateLimit: options.rateLimit,
    internalToken: options.internalToken,
    checkOperation,
    persisted: options.persisted,
    logger,
    // a page allowed to call over HTTP (CORS_ORIGINS) may open a WebSocket too
    allowedOrigins: [...settings.allowedOrigins, ...config.corsOrigins],
    allowLocalhost: !config.production,
    maxPayloadBytes: settings.maxPayloadBytes,
    connectionInitTimeoutMs: settings.connectionInitTimeoutMs,
    keepAliveMs: settings.keepAliveMs,
  });
  const httpHandler = createHttpSubscriptionHandler({
    hub,
    apiSchema: () => schema.apiGraphQLSchema,
    checkOperation,
    heartbeatMs: settings.heartbeatMs,
  });

  return {
    hub,
    upstream,
    httpHandler,
    get openSockets(): number {
      return ws.openSockets;
    },
    /** A new supergraph: new plans; open subscriptions end so clients resubscribe against it. */
    onSupergraphChanged(): void {
      schema = loadFederatedSchema(gateway.supergraphSdl);
      serviceMap = buildServiceMap();
      hub.terminateAll('The API schema changed; subscribe again.', 'SUPERGRAPH_RELOADED');
    },
    async close(): Promise<void> {
      hub.terminateAll('The server is shutting down; reconnect and resubscribe.', 'SHUTTING_DOWN');
      // give the terminations a moment to be written before the sockets close
      await new Promise((resolve) => setTimeout(resolve, 50));
      await ws.close();
      await upstream.close();
    },
  };
}
