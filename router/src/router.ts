import { watchFile, unwatchFile } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInternalTokens } from '@miyu/auth/internal-token';
import type { AccountRevocations } from '@miyu/events/revocation/account-revocations';
import { createAccountRevocations } from '@miyu/events/revocation/create-account-revocations';
import { createLogger, type Logger } from '@miyu/platform/logger';
import { createServiceMetrics } from '@miyu/platform/metrics';
import { createApolloServer } from './apollo.ts';
import { createAuthenticator } from './authenticate.ts';
import { createCorsPolicy } from './cors-policy.ts';
import type { RouterConfig } from './env.ts';
import { createGateway } from './gateway.ts';
import { createGraphqlHttpHandler } from './graphql-http.ts';
import { createInternalTokenCache } from './internal-token-cache.ts';
import { createPersistedOperations, readPersistedManifest } from './persisted-operations.ts';
import { createPersistedOperationsHttp } from './persisted-operations-http.ts';
import { createRateLimiter } from './rate-limit/create-rate-limiter.ts';
import { createRateLimitGuard } from './rate-limit/rate-limit-guard.ts';
import { createRequestListener } from './request-listener.ts';
import { createSubgraphFetchMetrics } from './subgraph-fetch-metrics.ts';
import { createSubscriptionLane } from './subscriptions/subscription-lane.ts';

export interface RunningRouter {
  url: string;
  server: Server;
  /** Re-reads the supergraph file; open subscriptions end (clients resubscribe). */
  reloadSupergraph(): Promise<boolean>;
  /** Drains: ends subscriptions, closes sockets, stops accepting requests. */
  close(): Promise<void>;
  lane: ReturnType<typeof createSubscriptionLane>;
}

/** Builds the router: gateway + Apollo Server + the subscription lane behind one HTTP server. */
export async function startRouter(
  config: RouterConfig,
  options: {
    port: number;
    host?: string;
    logger?: Logger;
    /** Deleted accounts shared with identity (one process); default: Redis when configured, else this router's own. */
    revocations?: AccountRevocations;
  },
): Promise<RunningRouter> {
  const logger = options.logger ?? createLogger({ service: 'router', level: config.logLevel });
  const metrics = createServiceMetrics('router');
  const internalTokens = createInternalTokens(config.internalTokenSecret);
  const gateway = await createGateway({ ...config, logger, fetchMetrics: createSubgraphFetchMetrics(metrics.registry) });
  const apollo = createApolloServer({ gateway: gateway.gateway, logger, limits: config.limits, production: config.production });
  await apollo.start();

  const identityUrl = gateway.subgraphUrl('identity', undefined);
  const ownRevocations = options.revocations ? undefined : createAccountRevocations({ redisUrl: config.redisUrl });
  const revocations = options.revocations ?? ownRevocations;
  const authenticate = createAuthenticator({
    jwksUrl: config.jwksUrl ?? new URL('/.well-known/jwks.json', identityUrl).toString(),
    identityUrl,
    serviceCredentials: config.serviceCredentials,
    internalTokens,
    revocations,
  });
  const limiter = createRateLimiter(config.redisUrl, logger);
  const rateLimit = createRateLimitGuard(limiter, config.rateLimit);
  const internalToken = createInternalTokenCache(internalTokens);
  const { mode, manifestPath } = config.persistedOperations;
  const persisted = createPersistedOperations(mode, mode === 'off' ? new Map() : readPersistedManifest(manifestPath));
  const server = createServer();
  const lane = createSubscriptionLane({
    config,
    gateway,
    server,
    apollo,
    authenticate,
    rateLimit,
    internalToken,
    internalTokens,
    logger,
    registry: metrics.registry,
    persisted,
  });
  const handleGraphql = createGraphqlHttpHandler({
    apollo,
    rateLimit,
    authenticate,
    internalToken,
    streamSubscription: lane.httpHandler,
    maxBodyBytes: config.limits.maxBodyBytes,
    persistedOperations: createPersistedOperationsHttp(persisted, { graphiql: config.graphiql }),
    cors: createCorsPolicy(config.corsOrigins),
    logger,
  });
  server.on(
    'request',
    createRequestListener({ config, metrics, logger, handleGraphql, readiness: { rateLimiter: () => limiter.ready() } }),
  );
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host === '0.0.0.0' || !options.host ? 'localhost' : options.host}:${port}/graphql`;
  logger.info({ url }, 'router listening');

  const reloadSupergraph = async () => {
    const changed = await gateway.reload();
    if (changed) lane.onSupergraphChanged();
    return changed;
  };
  if (config.watchSupergraph) watchFile(config.supergraphPath, { interval: 1_000 }, () => void reloadSupergraph());
  let closing: Promise<void> | undefined;
  const close = async () => {
    unwatchFile(config.supergraphPath);
    await lane.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await apollo.stop();
    await limiter.close();
    await ownRevocations?.close();
  };

  return {
    url,
    server,
    lane,
    reloadSupergraph,
    close() {
      closing ??= close();
      return closing;
    },
  };
}
