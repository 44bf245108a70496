import type { IncomingMessage, ServerResponse } from 'node:http';
import { PublicError } from '@miyu/platform/errors';
import { GRAPHQL_METHODS } from './cors-simple-requests.ts';

/** Request headers a browser client may send cross-origin (preflight answer). */
const ALLOWED_HEADERS = [
  'accept',
  'authorization',
  'content-type',
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'graphql-require-preflight',
  'last-event-id',
];
const EXPOSED_HEADERS = 'x-request-id, retry-after';
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export type CorsOutcome = { kind: 'continue' } | { kind: 'answered' } | { kind: 'refused'; error: PublicError };

/**
 * CORS for /graphql with an allow-list (`CORS_ORIGINS`). A request without `Origin` (Node
 * clients, curl) and one from the router's own origin pass untouched; an allowed origin gets
 * `Access-Control-Allow-Origin` on its answers and a 204 for its preflight; any other origin is
 * refused with 403. No credentials mode: the router reads no cookies, only `Authorization`.
 */
export function createCorsPolicy(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins.map(normaliseOrigin));
  return (req: IncomingMessage, res: ServerResponse): CorsOutcome => {
    res.setHeader('vary', 'Origin');
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS';
    if (origin === undefined || isOwnOrigin(origin, req)) {
      if (!preflight) return { kind: 'continue' };
      res.writeHead(204, { allow: GRAPHQL_METHODS }).end();
      return { kind: 'answered' };
    }
    if (!allowed.has(normaliseOrigin(origin))) {
      return {
        kind: 'refused',
        error: new PublicError(
          'CORS_ORIGIN_NOT_ALLOWED',
          `The origin ${origin.slice(0, 200)} may not call this API from a browser; the router's CORS_ORIGINS lists the origins that may.`,
        ),
      };
    }
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    if (!preflight) return { kind: 'continue' };
    res
      .writeHead(204, {
        'access-control-allow-methods': GRAPHQL_METHODS,
        'access-control-allow-headers': ALLOWED_HEADERS.join(', '),
        'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
      })
      .end();
    return { kind: 'answered' };
  };
}

function isOwnOrigin(origin: string, req: IncomingMessage): boolean {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function normaliseOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin.trim().toLowerCase();
  }
}

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Who may open a WebSocket: a client that sends no `Origin` (Node clients, the workers), the
 * router's own origin, the listed origins, and in development any localhost page (a dev server).
 * Any other page is refused, so it cannot ride a person's session.
 */
export function isWebSocketOriginAllowed(
  req: IncomingMessage,
  options: { allowedOrigins: readonly string[]; allowLocalhost: boolean },
): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || isOwnOrigin(origin, req)) return true;
  if (options.allowedOrigins.some((allowed) => normaliseOrigin(allowed) === normaliseOrigin(origin))) return true;
  try {
    return options.allowLocalhost && LOCAL_HOSTNAMES.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}
