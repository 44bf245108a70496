import { INTERNAL_TOKEN_HEADER } from '@miyu/auth/internal-token';
import { type Client, createClient, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client of the router, authenticated as a browser would be. */
export function routerClient(httpUrl: string, token: string): Client {
  return createClient({
    url: httpUrl.replace(/^http/u, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    // a closed socket is reported through each subscription's sink; no console noise
    onNonLazyError: () => {},
    keepAlive: 0,
  });
}

/**
 * A graphql-ws client straight to a subgraph, as the router's upstream pool connects: the upgrade
 * carries a router token, each operation the acting user's token in `extensions`.
 */
export function directClient(httpUrl: string, upgradeToken: string): Client {
  class InternalWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { [INTERNAL_TOKEN_HEADER]: upgradeToken } });
    }
  }
  return createClient({
    url: httpUrl.replace(/^http/u, 'ws'),
    webSocketImpl: InternalWebSocket,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {},
    keepAlive: 0,
  });
}

/** Resolves once the socket is acknowledged (connection_ack). */
export function connected(client: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    const offConnected = client.on('connected', () => {
      offConnected();
      offClosed();
      resolve();
    });
    const offClosed = client.on('closed', (event) => {
      offConnected();
      offClosed();
      reject(new Error(`socket closed before ack: ${JSON.stringify(event)}`));
    });
  });
}

/** One query or mutation over the socket; resolves with its single result. */
export function wsRequest<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<ExecutionResult<T>> {
  return new Promise((resolve, reject) => {
    let result: ExecutionResult<T> | undefined;
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          result = value as ExecutionResult<T>;
        },
        // a CloseEvent when the server drops the socket: keep its code and reason readable
        error: (error: unknown) => reject(error instanceof Error ? error : new Error(`socket closed: ${describeClose(error)}`)),
        complete: () => (result ? resolve(result) : reject(new Error('no result'))),
      },
    );
  });
}

function describeClose(event: unknown): string {
  const close = event as { code?: unknown; reason?: unknown };
  return `${String(close.code)} ${String(close.reason)}`;
}
