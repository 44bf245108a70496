import { INTERNAL_TOKEN_HEADER } from '@miyu/auth/internal-token';
import type { Principal } from '@miyu/auth/principal';
import type { TestSubgraph } from './subgraph-harness.ts';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface TestSubscription<T> {
  /** The next event's data (errors throw), or null when none arrives within `timeoutMs`. */
  next(timeoutMs?: number): Promise<T | null>;
  close(): Promise<void>;
}

/**
 * Subscribes over graphql-ws straight to the subgraph, the way the router's upstream pool does:
 * a token on the upgrade (any principal; the subgraph only checks it is ours) and the
 * subscriber's own token in the operation's extensions.
 */
export async function subscribeTo<T>(harness: TestSubgraph, principal: Principal, query: string): Promise<TestSubscription<T>> {
  const upgradeToken = await harness.tokens.sign({ kind: 'service', name: 'router', scopes: [] });
  class RouterWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { [INTERNAL_TOKEN_HEADER]: upgradeToken } });
    }
  }
  const client = createClient({ url: harness.url.replace(/^http/, 'ws'), webSocketImpl: RouterWebSocket, retryAttempts: 0 });
  const queue: { data?: unknown; errors?: unknown }[] = [];
  let wake: (() => void) | undefined;
  const push = (item: { data?: unknown; errors?: unknown }) => {
    queue.push(item);
    wake?.();
  };
  const unsubscribe = client.subscribe(
    { query, extensions: { [INTERNAL_TOKEN_HEADER]: await harness.tokens.sign(principal) } },
    { next: (result) => push(result), error: (error) => push({ errors: error }), complete: () => {} },
  );
  return {
    async next(timeoutMs = 5_000) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
      const item = queue.shift();
      if (!item) return null;
      if (item.errors) throw new Error(`subscription error: ${JSON.stringify(item.errors)}`);
      return item.data as T;
    },
    async close() {
      unsubscribe();
      await client.dispose();
    },
  };
}
