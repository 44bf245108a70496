import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Principal } from '@miyu/auth/principal';
import { isPublicError } from '@miyu/platform/errors';
import type { Logger } from '@miyu/platform/logger';
import { type ExecutionArgs, GraphQLError, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Authenticated, Authenticator } from '../authenticate.ts';
import type { PersistedOperations } from '../persisted-operations.ts';
import { isWebSocketOriginAllowed } from '../cors-policy.ts';
import type { RouterContext } from '../router-context.ts';
import type { OperationChecker } from './operation-validation.ts';
import type { SubscriptionHub } from './subscription-hub.ts';

export interface RouterWsOptions {
  server: Server;
  apiSchema: () => GraphQLSchema;
  apollo: ApolloServer<RouterContext>;
  hub: SubscriptionHub;
  authenticate: Authenticator;
  rateLimit: (principal: Principal, req: IncomingMessage) => Promise<void>;
  internalToken: (principal: Principal) => Promise<string>;
  /** The lane's operation checks (shared cache with the other protocols). */
  checkOperation: OperationChecker;
  /** Subscribe payloads may name their document by id (`documentId`, `extensions.persistedQuery`). */
  persisted: PersistedOperations;
  logger: Logger;
  /** Origins allowed to open a socket from a browser; empty = any (non-browser clients send none). */
  allowedOrigins: string[];
  /** Any localhost page may connect (development). */
  allowLocalhost: boolean;
  /** Largest frame accepted (the `ws` default is 100 MiB). */
  maxPayloadBytes: number;
  /** Close (4408) a socket that does not send connection_init in time. */
  connectionInitTimeoutMs: number;
  /** Ping interval; a socket that misses a pong is terminated. */
  keepAliveMs: number;
}

interface SocketState {
  connectionId: string;
  auth?: Authenticated;
  expiryTimer?: NodeJS.Timeout;
}

interface OperationContext {
  router: RouterContext;
  connectionId: string;
  source: string;
}

/**
 * graphql-ws (`graphql-transport-ws`) on the router's /graphql. Queries and mutations run through
 * Apollo Server like HTTP ones; subscriptions go through the hub. Authentication comes from
 * `connectionParams.authorization` (or the upgrade's Authorization header): a refused credential
 * closes with 4401 and the sentence naming it, and the socket closes (4403) when the token expires.
 */
export function attachRouterWebSocket(options: RouterWsOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const states = new WeakMap<object, SocketState>();

  options.server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/graphql' || !isWebSocketOriginAllowed(req, options)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req));
  });

  const disposable = useServer<Record<string, unknown>, { state: SocketState }>(
    {
      connectionInitWaitTimeout: options.connectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const state: SocketState = { connectionId: randomUUID() };
        states.set(ctx.extra.socket, state);
        const header = ctx.extra.request.headers.authorization;
        const fromParams = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        try {
          state.auth = await options.authenticate(typeof fromParams === 'string' ? fromParams : header);
        } catch (error) {
          // a refused credential closes with 4401 and the sentence saying which one failed (the
          // HTTP answer's message); graphql-ws's own close after `false` is then a no-op
          const reason = isPublicError(error) && error.code === 'UNAUTHENTICATED' ? error.message : 'Forbidden';
          ctx.extra.socket.close(reason === 'Forbidden' ? CloseCode.Forbidden : CloseCode.Unauthorized, reason);
          return false;
        }
        const expiresAt = state.auth.expiresAt?.getTime();
        if (expiresAt) {
          state.expiryTimer = setTimeout(
            () => ctx.extra.socket.close(CloseCode.Forbidden, 'Token expired'),
            Math.max(0, expiresAt - Date.now()),
          );
          state.expiryTimer.unref();
        }
        return true;
      },
      onClose: (ctx) => {
        const state = states.get(ctx.extra.socket);
        if (state?.expiryTimer) clearTimeout(state.expiryTimer);
      },
      onSubscribe: async (ctx, _id, params) => {
        const state = states.get(ctx.extra.socket);
        if (!state?.auth) return [new GraphQLError('Unauthorized.', { extensions: { code: 'UNAUTHENTICATED' } })];
        const principal = state.auth.principal;
        try {
          await options.rateLimit(principal, ctx.extra.request);
        } catch {
          return [new GraphQLError('Too many requests.', { extensions: { code: 'RATE_LIMITED' } })];
        }
        const operationName = params.operationName ?? undefined;
        const source = documentOf(options.persisted, params, principal);
        if (typeof source !== 'string') return source;
        const parsed = options.checkOperation(options.apiSchema(), source, operationName);
        if (!parsed.ok) return parsed.errors;
        const context: OperationContext = {
          connectionId: state.connectionId,
          source,
          router: { principal, requestId: randomUUID(), internalToken: () => options.internalToken(principal) },
        };
        return {
          schema: options.apiSchema(),
          document: parsed.document,
          operationName,
          variableValues: params.variables ?? {},
          contextValue: context,
        } satisfies ExecutionArgs;
      },
      execute: async (args) => {
        const context = args.contextValue as OperationContext;
        const response = await options.apollo.executeOperation(
          {
            query: context.source,
            variables: (args.variableValues ?? {}) as Record<string, unknown>,
            ...(args.operationName ? { operationName: args.operationName } : {}),
          },
          { contextValue: context.router },
        );
        if (response.body.kind !== 'single')
          return { errors: [new GraphQLError('Incremental delivery is not supported over WebSocket.')] } as never;
        // Apollo hands back already-formatted errors; graphql-ws serialises GraphQLError instances
        // (a plain object there would close the whole socket with 4500).
        const { data, errors, extensions } = response.body.singleResult;
        return {
          ...(data !== undefined ? { data } : {}),
          ...(extensions ? { extensions } : {}),
          ...(errors
            ? {
                errors: errors.map(
                  (error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions }),
                ),
              }
            : {}),
        } as never;
      },
      subscribe: (args) => {
        const context = args.contextValue as OperationContext;
        return options.hub.subscribe(
          {
            document: args.document,
            source: context.source,
            operationName: args.operationName ?? undefined,
            variables: (args.variableValues ?? {}) as Record<string, unknown>,
            context: context.router,
          },
          context.connectionId,
          'graphql-ws',
        ) as never;
      },
    },
    wss,
    options.keepAliveMs,
  );

  return {
    get openSockets(): number {
      return wss.clients.size;
    },
    /** Closes every socket with 1001 (going away) after the hub has ended their subscriptions. */
    async close(): Promise<void> {
      await disposable.dispose();
    },
  };
}

/** The payload's document (by id or as text), or the refusal as errors (GraphiQL's free-form bypass is HTTP only). */
function documentOf(
  persisted: PersistedOperations,
  params: { query: string; extensions?: Record<string, unknown> | null },
  principal: Principal,
): string | GraphQLError[] {
  try {
    const source = {
      query: params.query,
      documentId: (params as { documentId?: unknown }).documentId,
      extensions: params.extensions ?? undefined,
    };
    return persisted.documentFor(source, { principal, fromGraphiql: false }) ?? params.query;
  } catch (error) {
    if (!isPublicError(error)) throw error;
    return [new GraphQLError(error.message, { extensions: { code: error.code } })];
  }
}
