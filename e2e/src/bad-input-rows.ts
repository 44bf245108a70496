/**
 * Bad inputs a newcomer sends, one row each, over HTTP and over graphql-ws. Every refusal must
 * carry a catalog code and a human sentence, never a 5xx, never internal detail. Add a row.
 */
export interface BadInput {
  name: string;
  query: string;
  operationName?: string;
  /** Sent as the request's `extensions` (persisted operations). */
  extensions?: Record<string, unknown>;
  status: number;
  code: string;
  /** The limit's value, for limit refusals. */
  limit?: number;
  /** Not sent over graphql-ws (e.g. an HTTP-only concern). */
  httpOnly?: boolean;
}

const aliases = (count: number, field = '__typename') => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');
const deep =
  '{ me { conversations { nodes { messages { nodes { conversation { messages { nodes { conversation { messages { nodes { conversation { id } } } } } } } } } } } } }';

export const ROWS: BadInput[] = [
  {
    name: 'unknown operationName',
    query: 'query A { personas { id } }',
    operationName: 'B',
    status: 400,
    code: 'OPERATION_NOT_SELECTED',
  },
  {
    name: 'two operations, no operationName',
    query: 'query A { personas { id } } query C { personas { id } }',
    status: 400,
    code: 'OPERATION_NOT_SELECTED',
  },
  { name: '40 __typename aliases', query: `{ ${aliases(40)} }`, status: 400, code: 'MAX_ALIASES_EXCEEDED', limit: 30 },
  {
    name: '500 field aliases (more tokens than allowed)',
    query: `{ ${aliases(500, 'personas { id }')} }`,
    status: 400,
    code: 'MAX_TOKENS_EXCEEDED',
    limit: 2000,
  },
  {
    name: '20,000 tokens',
    query: `{ ${'__typename '.repeat(20_000)} }`,
    status: 400,
    code: 'MAX_TOKENS_EXCEEDED',
    limit: 2000,
    // ~220 KB: over graphql-ws the frame cap (WS_MAX_PAYLOAD_BYTES, 64 KiB) closes the socket with 1009 first
    httpOnly: true,
  },
  { name: 'too deep', query: deep, status: 400, code: 'MAX_DEPTH_EXCEEDED', limit: 12 },
  {
    name: 'too many root fields',
    query: `{ ${Array.from({ length: 11 }, () => 'personas { id }').join(' ')} }`,
    status: 400,
    code: 'MAX_ROOT_FIELDS_EXCEEDED',
    limit: 10,
  },
  { name: 'syntax error', query: '{ me { id ', status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'unknown field', query: '{ nope }', status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  {
    // No executable directive of this schema is repeatable, so one field carries at most @include
    // and @skip: GraphQL's own UniqueDirectivesPerLocation rule is the directives-per-field cap.
    name: 'a directive repeated on one field',
    query: `{ personas ${'@include(if: true) '.repeat(50)}{ id } }`,
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a directive the schema does not define',
    query: '{ personas @cached { id } }',
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'persisted query hash nobody registered',
    query: '',
    extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
    status: 400,
    code: 'PERSISTED_QUERY_NOT_FOUND',
  },
  {
    name: 'persisted query hash that is not the document’s',
    query: '{ personas { id } }',
    extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
    status: 400,
    code: 'PERSISTED_QUERY_HASH_MISMATCH',
  },
];

/** Subscriptions that break a limit: refused the same way over multipart and SSE as over graphql-ws. */
export const SUBSCRIPTION_ROWS: BadInput[] = [
  {
    name: 'subscription with 40 aliases',
    query: `subscription { replyStream(messageId: "00000000-0000-4000-8000-000000000000") { ${aliases(40, 'seq')} } }`,
    status: 400,
    code: 'MAX_ALIASES_EXCEEDED',
    limit: 30,
  },
  {
    name: 'subscription too deep',
    query:
      'subscription { replyStream(messageId: "00000000-0000-4000-8000-000000000000") { message { conversation { messages { nodes { conversation { messages { nodes { conversation { messages { nodes { conversation { id } } } } } } } } } } } } }',
    status: 400,
    code: 'MAX_DEPTH_EXCEEDED',
    limit: 12,
  },
  {
    name: 'subscription with more tokens than allowed',
    query: `subscription { replyStream(messageId: "00000000-0000-4000-8000-000000000000") { ${'seq '.repeat(2100)} } }`,
    status: 400,
    code: 'MAX_TOKENS_EXCEEDED',
    limit: 2000,
  },
  {
    name: 'subscription, unknown operationName',
    query: 'subscription A { companionChanged { mode } }',
    operationName: 'B',
    status: 400,
    code: 'OPERATION_NOT_SELECTED',
  },
];

/** How a browser, a forger or a wrong caller reaches the router: refused before any operation runs. */
export interface BadRequest {
  name: string;
  method?: string;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string; a unique sign-up mutation by default, to prove nothing is stored. */
  body?: unknown;
  /** Appended to the /graphql URL (GET requests). */
  search?: string;
  status: number;
  code: string;
  /** Part of the sentence the refusal must carry. */
  says?: RegExp;
}

export const refusedEmail = (tag: string) => `refused-${tag}-${process.pid}@example.com`;
export const signUpOf = (tag: string) => ({
  query: `mutation { signUp(input: {email: "${refusedEmail(tag)}", password: "correct horse battery", displayName: "R"}) { token } }`,
});
export const CALLER_ORIGIN = 'https://evil.example';
const UNKNOWN_KEY = `miyu_sk_${'x'.repeat(40)}`;

export const REQUEST_ROWS: BadRequest[] = [
  {
    name: 'CSRF: a POST a form could send (text/plain)',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify(signUpOf('csrf-post')),
    status: 400,
    code: 'CSRF_PREFLIGHT_REQUIRED',
    says: /could be forged by another site/,
  },
  {
    name: 'a POST that is not JSON (application/xml)',
    headers: { 'content-type': 'application/xml' },
    body: JSON.stringify(signUpOf('xml')),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'CSRF: a GET with a form content type',
    method: 'GET',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    search: `?query=${encodeURIComponent('{ personas { id } }')}`,
    status: 400,
    code: 'CSRF_PREFLIGHT_REQUIRED',
  },
  {
    name: 'a mutation over GET',
    method: 'GET',
    search: `?query=${encodeURIComponent(signUpOf('get').query)}`,
    status: 405,
    // Apollo Server's own refusal
    code: 'BAD_REQUEST',
    says: /mutation/i,
  },
  {
    name: 'CORS: an origin not in CORS_ORIGINS',
    headers: { origin: CALLER_ORIGIN },
    body: signUpOf('cors'),
    status: 403,
    code: 'CORS_ORIGIN_NOT_ALLOWED',
  },
  {
    name: 'CORS: a preflight from an origin not allowed',
    method: 'OPTIONS',
    headers: { origin: CALLER_ORIGIN, 'access-control-request-method': 'POST' },
    body: null,
    status: 403,
    code: 'CORS_ORIGIN_NOT_ALLOWED',
  },
  {
    name: 'a forged sign-in token',
    headers: { authorization: 'Bearer not-a-real-token' },
    body: signUpOf('token'),
    status: 401,
    code: 'UNAUTHENTICATED',
    says: /sign-in token has expired or is not valid/,
  },
  {
    name: 'an unknown API key',
    headers: { authorization: `Bearer ${UNKNOWN_KEY}` },
    body: signUpOf('key'),
    status: 401,
    code: 'UNAUTHENTICATED',
    says: /API key is not valid or was revoked/,
  },
  {
    name: 'an Authorization header that is not Bearer',
    headers: { authorization: 'Basic dXNlcjpwYXNz' },
    body: signUpOf('basic'),
    status: 401,
    code: 'UNAUTHENTICATED',
    says: /must be "Bearer/,
  },
  {
    name: 'a batch of operations',
    body: [signUpOf('batch'), { query: '{ personas { id } }' }],
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'JSON that does not parse',
    body: '{"query": ',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: "graphql-sse's single-connection reservation (PUT)",
    method: 'PUT',
    body: null,
    status: 405,
    code: 'SSE_SINGLE_CONNECTION_UNSUPPORTED',
  },
];
