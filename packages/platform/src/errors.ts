/**
 * The error catalog: every error a client can see has a code, a description and a factory.
 * Anything that is not a PublicError is masked as INTERNAL_SERVER_ERROR before it leaves a
 * service, so messages never carry hostnames, SQL or stack traces.
 */
export const ERROR_CATALOG = {
  UNAUTHENTICATED: { status: 401, description: 'No valid credentials were presented.' },
  FORBIDDEN: { status: 403, description: 'The credentials do not allow this operation.' },
  BAD_USER_INPUT: { status: 400, description: 'An argument failed validation.' },
  NOT_FOUND: { status: 404, description: 'The object does not exist or is not visible to the caller.' },
  CONFLICT: { status: 409, description: 'The operation conflicts with existing state.' },
  EMAIL_TAKEN: { status: 409, description: 'An account with this email already exists.' },
  INVALID_CREDENTIALS: { status: 401, description: 'Email or password is wrong.' },
  RATE_LIMITED: { status: 429, description: 'Too many requests; retry later.' },
  OPERATION_NOT_SELECTED: {
    status: 400,
    description: 'The document names no operation to run: operationName is unknown, or missing with several operations.',
  },
  MAX_DEPTH_EXCEEDED: { status: 400, description: 'The operation nests fields deeper than the router allows.' },
  MAX_ALIASES_EXCEEDED: { status: 400, description: 'The operation uses more aliases (including __typename) than allowed.' },
  MAX_TOKENS_EXCEEDED: { status: 400, description: 'The document has more tokens than the router parses.' },
  MAX_ROOT_FIELDS_EXCEEDED: { status: 400, description: 'The operation selects more root fields than allowed.' },
  MAX_BODY_SIZE_EXCEEDED: { status: 400, description: 'The request body is larger than the router reads.' },
  CSRF_PREFLIGHT_REQUIRED: {
    status: 400,
    description: 'A form or text Content-Type, which a browser sends cross-site without a preflight, was refused.',
  },
  CORS_ORIGIN_NOT_ALLOWED: { status: 403, description: "The browser origin is not in the router's CORS_ORIGINS allow-list." },
  METHOD_NOT_ALLOWED: { status: 405, description: 'GraphQL is served over GET and POST only (OPTIONS for preflights).' },
  SSE_SINGLE_CONNECTION_UNSUPPORTED: {
    status: 405,
    description: "graphql-sse's single-connection mode (a PUT reservation) is not served; use its distinct-connections mode.",
  },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'A POST body must be application/json.' },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 400,
    description: 'No persisted operation has this id or hash (and it cannot be registered here); send the document with it.',
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: 400,
    description: 'Persisted operations are off on this router, or the version is unknown.',
  },
  PERSISTED_QUERY_HASH_MISMATCH: {
    status: 400,
    description: 'The sha256Hash sent is not the hash of the document sent with it.',
  },
  OPERATION_NOT_IN_SAFELIST: {
    status: 400,
    description: 'The router runs only persisted operations for callers without an API key (PERSISTED_OPERATIONS=safelist).',
  },
  BAD_REQUEST: {
    status: 400,
    description: 'The request is not a GraphQL request the router can read (its JSON, method or shape).',
  },
  GRAPHQL_PARSE_FAILED: { status: 400, description: 'The document is not valid GraphQL syntax.' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, description: 'The document does not validate against the API schema.' },
  SUBSCRIPTION_LIMIT: { status: 429, description: 'This connection or caller has as many open subscriptions as allowed.' },
  SUBSCRIPTION_FAILED: { status: 502, description: 'A subscription could not start upstream; subscribe again.' },
  SUBSCRIPTION_QUEUE_OVERFLOW: {
    status: 503,
    description:
      'The client read a subscription too slowly and its queue overflowed; resubscribe (replyStream resumes with afterSeq).',
  },
  SUBSCRIPTION_TERMINATED: { status: 200, description: 'The subscription was ended by the server; subscribe again.' },
  SUPERGRAPH_RELOADED: { status: 200, description: 'The API schema changed while subscribed; subscribe again.' },
  SHUTTING_DOWN: { status: 503, description: 'This router is shutting down; reconnect (to another replica) and resubscribe.' },
  SUBGRAPH_UNAVAILABLE: { status: 502, description: 'A part of the graph could not be reached.' },
  SERVICE_UNAVAILABLE: { status: 503, description: 'A database or queue MIYU depends on is down for a moment; retry.' },
  INTERNAL_SERVER_ERROR: { status: 500, description: 'Something went wrong on our side.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** An error whose message is written for clients. */
export class PublicError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PublicError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }
}

export const errors = {
  unauthenticated: (message = 'Authentication required.') => new PublicError('UNAUTHENTICATED', message),
  forbidden: (message = 'Not allowed.') => new PublicError('FORBIDDEN', message),
  badInput: (message: string, details?: Record<string, unknown>) => new PublicError('BAD_USER_INPUT', message, details),
  notFound: (what: string) => new PublicError('NOT_FOUND', `${what} not found.`),
  conflict: (message: string) => new PublicError('CONFLICT', message),
  emailTaken: () => new PublicError('EMAIL_TAKEN', 'An account with this email already exists.'),
  invalidCredentials: () => new PublicError('INVALID_CREDENTIALS', 'Email or password is wrong.'),
  rateLimited: (retryAfterSeconds: number) => new PublicError('RATE_LIMITED', 'Too many requests.', { retryAfterSeconds }),
  subgraphUnavailable: (subgraph: string) => new PublicError('SUBGRAPH_UNAVAILABLE', `The ${subgraph} service is unavailable.`),
  /** A dependency (database, Redis) is down: nothing was done, and the same request may be sent again. */
  serviceUnavailable: (retryAfterSeconds = 5) =>
    new PublicError('SERVICE_UNAVAILABLE', 'MIYU cannot reach her storage right now; please retry in a few seconds.', {
      retryable: true,
      retryAfterSeconds,
    }),
  /** Too much at once: the request was refused before any work started; the same request may be sent again. */
  overloaded: (retryAfterSeconds = 1) =>
    new PublicError(
      'SERVICE_UNAVAILABLE',
      'MIYU is busy right now and did nothing with this request; please retry in a moment.',
      {
        retryable: true,
        retryAfterSeconds,
      },
    ),
  /**
   * A service did not answer in time: what was asked may or may not have been done. Retrying is
   * safe for reads and for changes with an idempotency key (sendMessage with the same
   * clientMessageId returns the message stored the first time).
   */
  noAnswerInTime: (service: string, retryAfterSeconds = 1) =>
    new PublicError(
      'SERVICE_UNAVAILABLE',
      `The ${service} service did not answer in time; it may still have done what you asked. Retry (with the same clientMessageId for sendMessage).`,
      { retryable: true, retryAfterSeconds, outcome: 'unknown' },
    ),
};

/** Duck-typed so a second copy of this module (test runners, CJS/ESM twins) still matches. */
export function isPublicError(error: unknown): error is PublicError {
  return (
    error instanceof Error &&
    error.name === 'PublicError' &&
    typeof (error as unknown as { code?: unknown }).code === 'string' &&
    (error as unknown as { code: string }).code in ERROR_CATALOG
  );
}
