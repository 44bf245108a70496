import { INTERNAL_TOKEN_HEADER, type InternalTokens } from '@miyu/auth/internal-token';
import type { Logger } from '@miyu/platform/logger';
import { traceCarrier } from '@miyu/platform/tracing/propagation';
import { contextWithSpan, failSpan, SpanKind, startSpan } from '@miyu/platform/tracing/spans';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createBoundedQueue } from './bounded-queue.ts';

export interface UpstreamPayload {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string | undefined;
  /** The caller's internal token travels per operation: one socket carries many users. */
  internalToken: string;
}

export interface UpstreamEvent {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** Raised when the socket to a subgraph is lost mid-subscription. */
export class UpstreamLostError extends Error {
  constructor(subgraph: string) {
    super(`The ${subgraph} service closed the stream; subscribe again to resume.`);
    this.name = 'UpstreamLostError';
  }
}

interface PoolOptions {
  /** Subgraph name → HTTP GraphQL URL (turned into ws://). */
  urls: () => Record<string, string>;
  internalTokens: InternalTokens;
  logger: Logger;
  /** Sockets per subgraph; operations are spread over them and multiplexed on each. */
  socketsPerSubgraph: number;
  queueLimit: number;
}

/**
 * graphql-ws clients to the subgraphs, shared by every subscription of this router process.
 * A lost socket ends its subscriptions with UpstreamLostError instead of silently re-subscribing,
 * which could replay or skip events; clients resume explicitly (afterSeq).
 */
export function createUpstreamPool(options: PoolOptions) {
  const sockets = new Map<string, { client: Client; active: number }[]>();
  let closed = false;
  // The upgrade request must carry a router token, but a WebSocket constructor cannot await a
  // signature: keep a recently signed one at hand (tokens live 60 s; renewed after 20 s).
  let routerToken = { value: '', signedAt: 0 };
  async function freshRouterToken(): Promise<void> {
    if (Date.now() - routerToken.signedAt < 20_000) return;
    routerToken = {
      value: await options.internalTokens.sign({ kind: 'service', name: 'router', scopes: [] }),
      signedAt: Date.now(),
    };
  }

  function connect(subgraph: string, url: string) {
    const wsUrl = url.replace(/^http/, 'ws');
    class RouterWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { [INTERNAL_TOKEN_HEADER]: routerToken.value } });
      }
    }
    const entry = {
      active: 0,
      client: createClient({
        url: wsUrl,
        webSocketImpl: RouterWebSocket,
        lazy: true,
        lazyCloseTimeout: 5_000,
        keepAlive: 10_000,
        retryAttempts: 0,
        on: { error: (error) => options.logger.warn({ reason: describe(error), subgraph }, 'upstream socket error') },
      }),
    };
    return entry;
  }

  function pick(subgraph: string) {
    const url = options.urls()[subgraph];
    if (!url) throw new Error(`unknown subgraph ${subgraph}`);
    let list = sockets.get(subgraph);
    if (!list) {
      list = [];
      sockets.set(subgraph, list);
    }
    if (list.length < options.socketsPerSubgraph) {
      const entry = connect(subgraph, url);
      list.push(entry);
      return entry;
    }
    return list.reduce((least, entry) => (entry.active < least.active ? entry : least));
  }

  return {
    async subscribe(subgraph: string, payload: UpstreamPayload): Promise<AsyncIterableIterator<UpstreamEvent>> {
      if (closed) throw new UpstreamLostError(subgraph);
      await freshRouterToken();
      const entry = pick(subgraph);
      entry.active += 1;
      // the upstream operation is a client span; its traceparent rides in the subscribe's extensions
      const span = startSpan(`subscribe ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'miyu.subgraph': subgraph } });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        entry.active -= 1;
        span.end();
        unsubscribe();
      };
      const queue = createBoundedQueue<UpstreamEvent>(options.queueLimit, release);
      const unsubscribe = entry.client.subscribe<Record<string, unknown>>(
        {
          query: payload.query,
          variables: payload.variables,
          ...(payload.operationName ? { operationName: payload.operationName } : {}),
          extensions: { [INTERNAL_TOKEN_HEADER]: payload.internalToken, ...traceCarrier(contextWithSpan(span)) },
        },
        {
          next: (event) => {
            span.addEvent('event');
            queue.push(event as UpstreamEvent);
          },
          error: (error) => {
            failSpan(span, error instanceof Error ? error : new Error(describe(error)));
            options.logger.warn({ reason: describe(error), subgraph }, 'upstream subscription failed');
            queue.fail(Array.isArray(error) ? { graphqlErrors: error } : new UpstreamLostError(subgraph));
            release();
          },
          complete: () => {
            queue.end();
            release();
          },
        },
      );
      return queue.iterator;
    },
    /** Open upstream operations per subgraph (metrics, tests). */
    activeOperations(): Record<string, number> {
      return Object.fromEntries([...sockets].map(([name, list]) => [name, list.reduce((sum, entry) => sum + entry.active, 0)]));
    },
    socketCount(): number {
      return [...sockets.values()].reduce((sum, list) => sum + list.length, 0);
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all([...sockets.values()].flat().map((entry) => entry.client.dispose()));
      sockets.clear();
    },
  };
}

export type UpstreamPool = ReturnType<typeof createUpstreamPool>;

/** graphql-ws reports close events and error events; log what they say, not the whole socket. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const event = error as { code?: number; reason?: string; message?: string };
  if (event.code) return `closed ${event.code} ${event.reason ?? ''}`.trim();
  return event.message ?? (Array.isArray(error) ? JSON.stringify(error) : 'unknown error');
}
