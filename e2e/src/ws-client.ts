import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client of the router, as a browser or worker would open it. */
export function routerWsClient(httpUrl: string, token?: string, extra: { retryAttempts?: number } = {}): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: extra.retryAttempts ?? 0,
    lazy: true,
  });
}

/** Collects every result of one subscription until it completes or errors. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const results: T[] = [];
  let resolveDone!: () => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  // a test that never awaits `done` (or fails before it does) must not leave an unhandled rejection
  done.catch(() => {});
  const dispose = client.subscribe<T>(
    { query, variables },
    { next: (value) => results.push(value as T), error: rejectDone, complete: resolveDone },
  );
  return { results, done, dispose };
}

/** Opens a raw socket speaking graphql-transport-ws and resolves with how it was closed. */
export function rawSocket(httpUrl: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.on('error', () => {});
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.on('open', () => resolve());
    socket.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const messages: unknown[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  return { socket, opened, closed, messages };
}
