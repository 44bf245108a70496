import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Principal } from '@miyu/auth/principal';
import { isPublicError } from '@miyu/platform/errors';
import type { Logger } from '@miyu/platform/logger';
import { extractTraceContext } from '@miyu/platform/tracing/propagation';
import { SpanKind, withSpan } from '@miyu/platform/tracing/spans';
import { ACT_AS_HEADER, type Authenticator } from './authenticate.ts';
import type { CorsOutcome } from './cors-policy.ts';
import { GRAPHQL_METHODS, refusalOfRequest } from './cors-simple-requests.ts';
import { readBody } from './http-body.ts';
import { answerStatus } from './response-status.ts';
import type { RouterContext } from './router-context.ts';

interface GraphqlHttpOptions {
  /** Handles subscription operations (multipart / SSE); returns false when it is not one. */
  streamSubscription: (
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    url: URL,
    context: RouterContext,
  ) => Promise<boolean>;
  rateLimit: (principal: Principal, req: IncomingMessage) => Promise<void>;
  apollo: ApolloServer<RouterContext>;
  authenticate: Authenticator;
  internalToken: (principal: Principal) => Promise<string>;
  maxBodyBytes: number;
  /** Puts the document of a persisted operation (id or hash) into the request; refuses by the safelist. */
  persistedOperations: (req: IncomingMessage, principal: Principal, body: unknown, url: URL, actedBy?: string) => unknown;
  /** CORS for browser origins (preflights are answered there). */
  cors: (req: IncomingMessage, res: ServerResponse) => CorsOutcome;
  logger: Logger;
}

/**
 * Queries and mutations over HTTP: CORS, CSRF prevention, body limit, authentication, then Apollo
 * Server; each request is a server span continuing the caller's `traceparent`, if any.
 */
export function createGraphqlHttpHandler(options: GraphqlHttpOptions) {
  const handle = graphqlHttpHandler(options);
  return (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> =>
    withSpan(
      `${req.method ?? 'GET'} /graphql`,
      {
        kind: SpanKind.SERVER,
        parent: extractTraceContext(req.headers),
        attributes: { 'http.request.method': req.method ?? '' },
      },
      async (span) => {
        await handle(req, res, url);
        span.setAttribute('http.response.status_code', res.statusCode);
      },
    );
}

function graphqlHttpHandler(options: GraphqlHttpOptions) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const requestId = headerOf(req, 'x-request-id') ?? randomUUID();
    let principal: Principal;
    let body: unknown;
    const cors = options.cors(req, res);
    if (cors.kind === 'answered') return;
    if (cors.kind === 'refused') return sendError(res, cors.error, options.logger);
    const refusal = refusalOfRequest(req);
    if (refusal) return sendError(res, refusal, options.logger, refusal.status === 405 ? { allow: GRAPHQL_METHODS } : {});
    try {
      const authenticated = await options.authenticate(headerOf(req, 'authorization'), headerOf(req, ACT_AS_HEADER));
      principal = authenticated.principal;
      await options.rateLimit(principal, req);
      const raw = req.method === 'POST' ? await readBody(req, options.maxBodyBytes) : '';
      body = options.persistedOperations(req, principal, raw ? JSON.parse(raw) : undefined, url, authenticated.actedBy);
    } catch (error) {
      return sendError(res, error, options.logger);
    }
    const context: RouterContext = { principal, requestId, internalToken: () => options.internalToken(principal) };
    if (await options.streamSubscription(req, res, body, url, context)) return;
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => context,
    });
    res.setHeader('x-request-id', requestId);
    if (response.body.kind === 'complete') {
      const answer = answerStatus({
        status: response.status ?? 200,
        headers: Object.fromEntries(response.headers),
        body: response.body.string,
      });
      for (const [key, value] of Object.entries(answer.headers)) res.setHeader(key, value);
      res.statusCode = answer.status;
      res.end(answer.body);
      return;
    }
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

function sendError(res: ServerResponse, error: unknown, logger: Logger, headers: Record<string, string> = {}): void {
  const isJsonError = error instanceof SyntaxError;
  const publicError = isPublicError(error) ? error : null;
  if (!publicError && !isJsonError) logger.error({ err: error }, 'router request failed');
  const status = publicError?.status ?? (isJsonError ? 400 : 500);
  const code = publicError?.code ?? (isJsonError ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR');
  const message = publicError?.message ?? (isJsonError ? 'Request body is not valid JSON.' : 'Unexpected error.');
  const retryAfter = publicError?.details?.retryAfterSeconds;
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    ...(retryAfter ? { 'retry-after': String(retryAfter) } : {}),
  });
  const limit = publicError?.details?.limit;
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...(limit !== undefined ? { limit } : {}) } }] }));
}

export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
