/**
 * The HTTP status of a GraphQL answer, by the GraphQL-over-HTTP spec (the draft graphql-http's
 * audit checks) and the media type Apollo Server chose from the request's `Accept`:
 *
 * - `application/json` (legacy clients): a well-formed request is answered 200 whatever GraphQL
 *   request or field error it raised: parse, validation, variable coercion, operation selection,
 *   a limit, or a dependency that is down. A non-2xx `application/json` answer could come from any
 *   intermediary, so a legacy client can only trust a GraphQL body on a 200.
 * - `application/graphql-response+json`: request errors (no `data`) keep their 4xx; a response
 *   whose every error is SERVICE_UNAVAILABLE and that produced no data is a server that cannot
 *   execute requests at the moment, answered 503 with `Retry-After` and without the `data: null`
 *   (nothing was done; the same request may be sent again).
 */
export interface GraphqlAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
/** Request errors a well-formed request can raise before execution (limits included). */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_NOT_SELECTED',
  'MAX_DEPTH_EXCEEDED',
  'MAX_ALIASES_EXCEEDED',
  'MAX_TOKENS_EXCEEDED',
  'MAX_ROOT_FIELDS_EXCEEDED',
]);
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

interface ParsedBody {
  data?: unknown;
  errors?: { extensions?: { code?: unknown; details?: { retryAfterSeconds?: unknown } } }[];
}

export function answerStatus(answer: GraphqlAnswer): GraphqlAnswer {
  const contentType = (answer.headers['content-type'] ?? '').toLowerCase();
  const parsed = parse(answer.body);
  if (!parsed) return answer;
  const errors = parsed.errors ?? [];
  const codes = errors.map((error) => error.extensions?.code);
  const noData = parsed.data === undefined || parsed.data === null;
  const only = (accepted: (code: unknown) => boolean) => errors.length > 0 && codes.every(accepted);

  // the gateway answers an unselectable operation with a 500; it is the caller's mistake
  let status = answer.status >= 500 && noData && only((code) => code === 'OPERATION_NOT_SELECTED') ? 400 : answer.status;
  if (!contentType.startsWith(GRAPHQL_RESPONSE)) {
    if (status >= 400 && status < 500 && noData && only((code) => REQUEST_ERROR_CODES.has(code as string))) status = 200;
    return { ...answer, status };
  }
  if (noData && only((code) => code === 'SERVICE_UNAVAILABLE')) {
    const retryAfter = errors
      .map((error) => error.extensions?.details?.retryAfterSeconds)
      .find((value): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0);
    return {
      status: 503,
      headers: { ...answer.headers, 'retry-after': String(Math.ceil(retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS)) },
      body: JSON.stringify({
        errors: parsed.errors,
        ...(isObject(parsed) && 'extensions' in parsed ? { extensions: parsed.extensions } : {}),
      }),
    };
  }
  return { ...answer, status };
}

function parse(body: string): (ParsedBody & { extensions?: unknown }) | null {
  try {
    const value: unknown = JSON.parse(body);
    return isObject(value) ? (value as ParsedBody) : null;
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
