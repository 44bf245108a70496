import { INTERNAL_TOKEN_HEADER } from '@miyu/auth/internal-token';
import type { Principal } from '@miyu/auth/principal';
import type { TestSubgraph } from '@miyu/testing/subgraph-harness';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface SubscriptionResult<T> {
  events: T[];
  errors: { message: string; extensions?: Record<string, unknown> }[] | undefined;
}

/**
 * Subscribes over graphql-ws straight to the subgraph, the way the router's upstream pool does
 * (internal token on the upgrade and per operation), and collects events until the server
 * completes the subscription or fails it. A subscription that neither ends nor fails within
 * `timeoutMs` rejects: a hang is a test failure, never a silent pass.
 */
export async function collectSubscription<T>(
  harness: Pick<TestSubgraph, 'url' | 'tokens'>,
  principal: Principal,
  query: string,
  variables: Record<string, unknown>,
  timeoutMs = 10_000,
): Promise<SubscriptionResult<T>> {
  const token = await harness.tokens.sign(principal);
  class InternalWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { [INTERNAL_TOKEN_HEADER]: token } });
    }
  }
  const client = createClient({ url: harness.url.replace(/^http/, 'ws'), webSocketImpl: InternalWebSocket, retryAttempts: 0 });
  const events: T[] = [];
  try {
    return await new Promise<SubscriptionResult<T>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`subscription did not end within ${timeoutMs} ms (${events.length} events)`)),
        timeoutMs,
      );
      client.subscribe<T>(
        { query, variables, extensions: { [INTERNAL_TOKEN_HEADER]: token } },
        {
          next: (result) => {
            if (result.errors) {
              clearTimeout(timer);
              resolve({ events, errors: result.errors as SubscriptionResult<T>['errors'] });
            } else if (result.data) events.push(result.data as T);
          },
          error: (error) => {
            clearTimeout(timer);
            if (Array.isArray(error)) resolve({ events, errors: error });
            else reject(error instanceof Error ? error : new Error(String(error)));
          },
          complete: () => {
            clearTimeout(timer);
            resolve({ events, errors: undefined });
          },
        },
      );
    });
  } finally {
    await client.dispose();
  }
}
