import type { IncomingMessage } from 'node:http';
import { PublicError } from '@miyu/platform/errors';

/** Content types a browser sends cross-site without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);
/** Headers that force a preflight: a request carrying one of them was allowed by CORS first. */
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight', 'graphql-require-preflight'];
/** graphql-sse's single-connection mode sends its reservation token in this header. */
const SSE_TOKEN_HEADER = 'x-graphql-event-stream-token';

/**
 * What the router refuses before reading a body (its CSRF prevention, in place of Apollo's):
 *
 * - a form or text Content-Type (GET or POST) without a preflight header: such a request can be
 *   forged by any page, so it is refused as Apollo's csrfPrevention does;
 * - a GET without any Content-Type is served: the router authenticates only by the
 *   `Authorization` header, which a browser never adds to a cross-site simple request, so a
 *   forged GET runs as an anonymous caller, cannot run a mutation (405) and cannot read its
 *   answer (no CORS header for an origin that is not allowed);
 * - a POST that is not application/json (415), another method (405), and graphql-sse's
 *   single-connection mode (a PUT reservation, then requests carrying its token).
 */
export function refusalOfRequest(req: IncomingMessage): PublicError | null {
  const method = req.method ?? 'GET';
  if (method === 'PUT' || req.headers[SSE_TOKEN_HEADER] !== undefined) {
    return new PublicError(
      'SSE_SINGLE_CONNECTION_UNSUPPORTED',
      "graphql-sse's single-connection mode is not served here: use its distinct-connections mode (singleConnection: false, the default), multipart or graphql-ws.",
    );
  }
  if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') {
    return new PublicError('METHOD_NOT_ALLOWED', `${method} is not served on /graphql: send GET or POST.`);
  }
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const preflighted = PREFLIGHT_HEADERS.some((name) => String(req.headers[name] ?? '').trim() !== '');
  if (SIMPLE_CONTENT_TYPES.has(mediaType) && !preflighted) {
    return new PublicError(
      'CSRF_PREFLIGHT_REQUIRED',
      `A ${mediaType} request could be forged by another site, so it is refused: send a POST with Content-Type: application/json, or a GET without a Content-Type (or add apollo-require-preflight: true).`,
    );
  }
  if (method === 'POST' && mediaType !== 'application/json') {
    return new PublicError(
      'UNSUPPORTED_MEDIA_TYPE',
      `A POST body must be sent with Content-Type: application/json${mediaType ? `, not ${mediaType}` : ''}.`,
    );
  }
  return null;
}

/** The methods /graphql serves, for `Allow` and preflight answers. */
export const GRAPHQL_METHODS = 'GET, POST, OPTIONS';
