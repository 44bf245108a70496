import type { IncomingMessage } from 'node:http';
import type { Principal } from '@miyu/auth/principal';
import type { OperationSource, PersistedOperations } from './persisted-operations.ts';

/**
 * Resolves a persisted operation in an HTTP request before Apollo Server sees it: a POST body
 * (or each entry of a batch) gets its `query`, a GET gets `?query=` (the URL is rewritten in
 * place); `documentId` and `extensions.persistedQuery` are removed once resolved.
 */
export function createPersistedOperationsHttp(persisted: PersistedOperations, options: { graphiql: boolean }) {
  return (req: IncomingMessage, principal: Principal, body: unknown, url: URL, actedBy?: string): unknown => {
    const caller = { principal, fromGraphiql: options.graphiql && isFromGraphiql(req), viaService: actedBy !== undefined };
    if (req.method === 'GET') {
      const params = url.searchParams;
      const source: OperationSource = {
        query: params.get('query') ?? undefined,
        documentId: params.get('documentId') ?? undefined,
        extensions: parseExtensions(params.get('extensions')),
      };
      const document = persisted.documentFor(source, caller);
      if (document !== undefined) params.set('query', document);
      params.delete('documentId');
      if (isMap(source.extensions)) {
        const rest = withoutPersistedQuery(source.extensions);
        if (rest) params.set('extensions', JSON.stringify(rest));
        else params.delete('extensions');
      }
      return body;
    }
    const resolve = (entry: unknown): unknown => {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
      const { documentId: _id, ...source } = entry as OperationSource & Record<string, unknown>;
      const document = persisted.documentFor(entry as OperationSource, caller);
      const resolved: Record<string, unknown> = { ...source, ...(document !== undefined ? { query: document } : {}) };
      // extensions that are not a map are the GraphQL server's to refuse
      if (isMap(source.extensions)) {
        const rest = withoutPersistedQuery(source.extensions);
        if (rest) resolved.extensions = rest;
        else delete resolved.extensions;
      }
      return resolved;
    };
    return Array.isArray(body) ? body.map(resolve) : resolve(body);
  };
}

/** Parsed if it is JSON; otherwise left as it is, for the GraphQL server to refuse. */
function parseExtensions(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutPersistedQuery(extensions: Record<string, unknown>): Record<string, unknown> | undefined {
  const { persistedQuery: _persisted, ...rest } = extensions;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** GraphiQL's own page is served at /graphql: its fetches carry that page as the Referer. */
function isFromGraphiql(req: IncomingMessage): boolean {
  const referer = req.headers.referer;
  if (!referer || !req.headers.host) return false;
  try {
    const page = new URL(referer);
    return page.host === req.headers.host && page.pathname === '/graphql';
  } catch {
    return false;
  }
}
