import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';

/** A GraphQL error from the router, with its catalogue code (e.g. NOT_FOUND, RATE_LIMITED). */
export class MiyuRequestError extends Error {
  readonly code: string | undefined;
  /** The error's public details, e.g. `retryAfterSeconds` on RATE_LIMITED. */
  readonly details: Readonly<Record<string, unknown>> | undefined;
  constructor(message: string, code: string | undefined, details?: Readonly<Record<string, unknown>>) {
    super(message);
    this.name = 'MiyuRequestError';
    this.code = code;
    this.details = details;
  }
}

export interface MiyuClientOptions {
  /** The router's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A user token, an API key or a worker's service credential. */
  token?: string;
  /**
   * How long the subscription socket stays open after its last subscription ends (default 30 s), so
   * the next reply stream of the same person skips a new WebSocket and its connection_init. `close()`
   * ends it at once.
   */
  keepSocketOpenMs?: number;
}

type Result<R> = {
  data?: R | null;
  errors?: { message: string; extensions?: { code?: string; details?: Record<string, unknown> } }[];
};

/** Answers after which the SDK sends the document itself (a router without that id, or with persisted operations off). */
const RESEND_AS_TEXT = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/** The sha256 hash GraphQL Code Generator embeds in each document (`__meta__.hash`, "sha256:<hex>"). */
function persistedHash(document: object): string | undefined {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  return typeof hash === 'string' ? hash.replace(/^sha256:/, '') : undefined;
}

function byHash(hash: string) {
  return { persistedQuery: { version: 1, sha256Hash: hash } };
}

function asksForText(errors: unknown): boolean {
  const first = Array.isArray(errors) ? (errors[0] as { extensions?: { code?: unknown } } | undefined) : undefined;
  return typeof first?.extensions?.code === 'string' && RESEND_AS_TEXT.has(first.extensions.code);
}

/** A 429 or 503 says in its Retry-After header how long to wait: the error's details carry it too. */
function withRetryAfter<R>(result: Result<R>, header: string | null): Result<R> {
  const seconds = Number(header ?? Number.NaN);
  const error = result.errors?.[0];
  if (!error || !Number.isFinite(seconds) || seconds <= 0) return result;
  const extensions = { ...error.extensions, details: { retryAfterSeconds: seconds, ...error.extensions?.details } };
  return { ...result, errors: [{ ...error, extensions }, ...(result.errors?.slice(1) ?? [])] };
}

function unwrap<R>(result: Result<R>): R {
  const error = result.errors?.[0];
  if (error || !result.data) {
    throw new MiyuRequestError(error?.message ?? 'No data.', error?.extensions?.code, error?.extensions?.details);
  }
  return result.data;
}

/**
 * The typed client every first-party client uses: queries and mutations over HTTP, subscriptions
 * over graphql-ws (the platform's WebSocket: browsers and Node 22+ have one built in).
 * Operations go by id (Apollo's `extensions.persistedQuery` with the manifest's sha256 hash), so
 * the router's safelist admits them; the document text follows only if the router does not know
 * the id (an older router), which a safelisting router then refuses.
 */
export function createMiyuClient(options: MiyuClientOptions) {
  const authorization = options.token ? `Bearer ${options.token}` : undefined;
  const socket = createClient({
    url: options.url.replace(/^http/, 'ws'),
    lazy: true,
    lazyCloseTimeout: options.keepSocketOpenMs ?? 30_000,
    connectionParams: authorization ? { authorization } : {},
  });
  return {
    async request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
      const post = async (body: Record<string, unknown>) => {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ ...body, variables }),
        });
        return withRetryAfter((await response.json()) as Result<R>, response.headers.get('retry-after'));
      };
      const hash = persistedHash(document);
      if (hash) {
        const result = await post({ extensions: byHash(hash) });
        if (!asksForText(result.errors)) return unwrap(result);
      }
      return unwrap(await post({ query: print(document) }));
    },
    /** Yields each event's data; ends when the server completes the subscription. */
    async *subscribe<R, V>(document: TypedDocumentNode<R, V>, variables: V): AsyncGenerator<R> {
      const vars = variables as Record<string, unknown>;
      const hash = persistedHash(document);
      if (hash) {
        try {
          // graphql-ws requires a string query: empty, the id names the document
          for await (const result of socket.iterate<R>({ query: '', variables: vars, extensions: byHash(hash) })) {
            yield unwrap(result as Result<R>);
          }
          return;
        } catch (error) {
          if (!asksForText(error)) throw error;
        }
      }
      for await (const result of socket.iterate<R>({ query: print(document), variables: vars })) {
        yield unwrap(result as Result<R>);
      }
    },
    /**
     * Called each time the subscription socket closes (dropped, or shut down). graphql-ws then
     * reconnects and repeats the subscriptions' first variables; a reply stream resubscribes
     * itself with `afterSeq` instead (see clients/web's followReply).
     */
    onSocketClosed: (listener: () => void): (() => void) => socket.on('closed', () => listener()),
    close: () => socket.dispose(),
  };
}

export type MiyuClient = ReturnType<typeof createMiyuClient>;
