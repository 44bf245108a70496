import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { publicLimitExtensions } from '../operation-limits.ts';
import type { RouterContext } from '../router-context.ts';
import { streamProtocolFor, writeSubscriptionStream } from './http-streams.ts';
import type { OperationChecker } from './operation-validation.ts';
import type { SubscriptionHub } from './subscription-hub.ts';

interface GraphqlParams {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

/**
 * Subscriptions over HTTP: multipart (Apollo Client) or SSE. Anything that is not a subscription
 * falls through to Apollo Server. A cheap keyword check keeps ordinary queries from being parsed
 * twice.
 */
export function createHttpSubscriptionHandler(options: {
  hub: SubscriptionHub;
  apiSchema: () => GraphQLSchema;
  /** The lane's operation checks (shared cache with the other protocols). */
  checkOperation: OperationChecker;
  heartbeatMs: number;
}) {
  return async (req: IncomingMessage, res: ServerResponse, body: unknown, url: URL, context: RouterContext): Promise<boolean> => {
    const params: GraphqlParams = req.method === 'GET' ? Object.fromEntries(url.searchParams) : ((body ?? {}) as GraphqlParams);
    if (typeof params.query !== 'string' || !params.query.includes('subscription')) return false;
    const operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
    const parsed = options.checkOperation(options.apiSchema(), params.query, operationName);
    const protocol = streamProtocolFor(req.headers.accept);
    // a refused document asked for as a stream: 400 with the errors as JSON, as graphql-sse answers
    // (Apollo Server would answer an SSE-only Accept 406, and a multipart one 200 as legacy JSON)
    if (!parsed.ok && protocol) {
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({
          errors: parsed.errors.map((error) => ({
            message: error.message,
            extensions: publicLimitExtensions({ ...error.extensions }),
          })),
        }),
      );
      return true;
    }
    if (!parsed.ok || parsed.kind !== 'subscription') return false; // Apollo Server reports the errors
    if (!protocol) {
      res.writeHead(406, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [
            {
              message: 'Subscriptions need graphql-ws, multipart/mixed;subscriptionSpec="1.0" or text/event-stream.',
              extensions: { code: 'BAD_REQUEST' },
            },
          ],
        }),
      );
      return true;
    }
    const variables = typeof params.variables === 'string' ? JSON.parse(params.variables) : (params.variables ?? {});
    const results = options.hub.subscribe(
      {
        document: parsed.document,
        source: params.query,
        operationName,
        variables: variables as Record<string, unknown>,
        context,
      },
      `http:${context.requestId}`,
      protocol,
    );
    await writeSubscriptionStream(res, protocol, results, { heartbeatMs: options.heartbeatMs, requestId: context.requestId });
    return true;
  };
}
