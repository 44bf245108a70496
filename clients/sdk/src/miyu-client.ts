import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';

/** A GraphQL error from the router, with its catalogue code (e.g. NOT_FOUND, RATE_LIMITED). */
export class MiyuRequestError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'MiyuRequestError';
    this.code = code;
  }
}

export interface MiyuClientOptions {
  /** The router's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A user token, an API key or a worker's service credential. */
  token?: string;
}

type Result<R> = { data?: R | null; errors?: { message: string; extensions?: { code?: string } }[] };

function unwrap<R>(result: Result<R>): R {
  const error = result.errors?.[0];
  if (error || !result.data) throw new MiyuRequestError(error?.message ?? 'No data.', error?.extensions?.code);
  return result.data;
}

/**
 * The typed client every first-party client uses: queries and mutations over HTTP, subscriptions
 * over graphql-ws (the platform's WebSocket: browsers and Node 22+ have one built in).
 */
export function createMiyuClient(options: MiyuClientOptions) {
  const authorization = options.token ? `Bearer ${options.token}` : undefined;
  const socket = createClient({
    url: options.url.replace(/^http/, 'ws'),
    lazy: true,
    connectionParams: authorization ? { authorization } : {},
  });
  return {
    async request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: print(document), variables }),
      });
      return unwrap((await response.json()) as Result<R>);
    },
    /** Yields each event's data; ends when the server completes the subscription. */
    async *subscribe<R, V>(document: TypedDocumentNode<R, V>, variables: V): AsyncGenerator<R> {
      for await (const result of socket.iterate<R>({ query: print(document), variables: variables as Record<string, unknown> })) {
        yield unwrap(result as Result<R>);
      }
    },
    close: () => socket.dispose(),
  };
}

export type MiyuClient = ReturnType<typeof createMiyuClient>;
