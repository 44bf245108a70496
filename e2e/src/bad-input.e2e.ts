import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eStack, startE2eStack } from './stack.ts';
import { routerWsClient } from './ws-client.ts';

/**
 * Bad inputs a newcomer sends, one row each, over HTTP and over graphql-ws. Every refusal must
 * carry a catalog code and a human sentence, never a 5xx, never internal detail. Add a row.
 */
interface BadInput {
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

const ROWS: BadInput[] = [
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
const SUBSCRIPTION_ROWS: BadInput[] = [
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
interface BadRequest {
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

const refusedEmail = (tag: string) => `refused-${tag}-${process.pid}@example.com`;
const signUpOf = (tag: string) => ({
  query: `mutation { signUp(input: {email: "${refusedEmail(tag)}", password: "correct horse battery", displayName: "R"}) { token } }`,
});
const CALLER_ORIGIN = 'https://evil.example';
const UNKNOWN_KEY = `miyu_sk_${'x'.repeat(40)}`;

const REQUEST_ROWS: BadRequest[] = [
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

const INTERNAL = /127\.0\.0\.1|localhost|https?:\/\/|serviceName|stacktrace|\bat .+\.ts:\d+|SELECT |INSERT /i;

function expectRefusal(row: BadInput, errors: { message: string; extensions?: Record<string, unknown> }[] | undefined) {
  const first = errors?.[0];
  expect(first?.extensions?.code, row.name).toBe(row.code);
  // a human sentence: words, ending with a full stop
  expect(first?.message, row.name).toMatch(/^[A-Za-z"].{10,}[.]$/s);
  if (row.limit !== undefined) expect(first?.extensions?.limit, row.name).toBe(row.limit);
  // the caller's own (refused) origin may be named back; nothing of ours may be
  expect(JSON.stringify(errors).replaceAll(CALLER_ORIGIN, ''), row.name).not.toMatch(INTERNAL);
}

/** The errors of a JSON, multipart or SSE answer (a refusal may come in any of the three). */
function errorsOfAnyAnswer(text: string): { message: string; extensions?: Record<string, unknown> }[] | undefined {
  const payloads = text.trimStart().startsWith('{')
    ? [text]
    : [...text.matchAll(/^data: (.*)$/gm)]
        .map((m) => m[1] as string)
        .concat(
          text
            .split(/\r\n--graphql(?:--)?/)
            .map((part) => part.split('\r\n\r\n')[1]?.trim() ?? '')
            .filter((part) => part.startsWith('{')),
        );
  for (const payload of payloads) {
    const parsed = JSON.parse(payload) as { errors?: unknown; payload?: { errors?: unknown } };
    const errors = parsed.errors ?? parsed.payload?.errors;
    if (Array.isArray(errors)) return errors as never;
  }
  return undefined;
}

describe('bad input is refused clearly, over HTTP and graphql-ws', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack();
  });
  afterAll(() => stack?.close());

  it.each(ROWS)('HTTP: $name', async (row) => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({
        query: row.query,
        ...(row.operationName ? { operationName: row.operationName } : {}),
        ...(row.extensions ? { extensions: row.extensions } : {}),
      }),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    expect(response.status, row.name).toBe(row.status);
    expectRefusal(row, body.errors);
  });

  it.each([...ROWS.filter((row) => !row.httpOnly), ...SUBSCRIPTION_ROWS])('graphql-ws: $name', async (row) => {
    const client = routerWsClient(stack.url);
    try {
      const errors = await new Promise<{ message: string; extensions?: Record<string, unknown> }[]>((resolve, reject) => {
        client.subscribe(
          {
            query: row.query,
            ...(row.operationName ? { operationName: row.operationName } : {}),
            ...(row.extensions ? { extensions: row.extensions } : {}),
          },
          {
            next: (result) => (result.errors ? resolve(result.errors as never) : reject(new Error('answered with data'))),
            error: (error) => (Array.isArray(error) ? resolve(error) : reject(error)),
            complete: () => reject(new Error('completed without an error')),
          },
        );
      });
      expectRefusal(row, errors);
    } finally {
      await client.dispose();
    }
  });

  it('an oversized body is refused with its own code and the limit', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ analyzeEmotion(text: "${'a'.repeat(400_000)}") { primary } }` }),
    });
    const body = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    expect(response.status).toBe(400);
    expectRefusal({ name: 'body', query: '', status: 400, code: 'MAX_BODY_SIZE_EXCEEDED', limit: 256 * 1024 }, body.errors);
  });

  const STREAMS = [
    { transport: 'multipart', accept: 'multipart/mixed;subscriptionSpec="1.0", application/json' },
    { transport: 'SSE', accept: 'text/event-stream' },
  ];
  it.each(SUBSCRIPTION_ROWS.flatMap((row) => STREAMS.map((stream) => ({ ...row, ...stream }))))(
    '$transport: $name',
    async (row) => {
      const response = await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: row.accept },
        body: JSON.stringify({ query: row.query, ...(row.operationName ? { operationName: row.operationName } : {}) }),
      });
      expect(response.status, row.name).toBe(row.status);
      expectRefusal(row, errorsOfAnyAnswer(await response.text()));
    },
  );

  it.each(STREAMS)('$transport: an anonymous replyStream names no internal service', async (stream) => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: stream.accept },
      body: JSON.stringify({
        query: 'subscription { replyStream(messageId: "00000000-0000-4000-8000-000000000000") { seq delta } }',
      }),
    });
    expect(response.status).toBeLessThan(500);
    const errors = errorsOfAnyAnswer(await response.text());
    expect(errors?.[0]?.extensions?.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
    expect(errors?.[0]?.message).toMatch(/\w+ \w+/);
    expect(JSON.stringify(errors)).not.toMatch(INTERNAL);
  });

  it.each(REQUEST_ROWS)('request: $name', async (row) => {
    const body = row.body === undefined ? signUpOf(row.name) : row.body;
    const response = await fetch(`${stack.url}${row.search ?? ''}`, {
      method: row.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...row.headers },
      ...(body === null || row.method === 'GET' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    expect(response.status, row.name).toBe(row.status);
    const errors = errorsOfAnyAnswer(await response.text());
    expectRefusal({ name: row.name, query: '', status: row.status, code: row.code }, errors);
    if (row.says) expect(errors?.[0]?.message, row.name).toMatch(row.says);
  });

  it('nothing a refused request carried was stored', async () => {
    const tags = ['csrf-post', 'xml', 'get', 'cors', 'token', 'key', 'basic', 'batch'];
    for (const tag of tags) {
      const signIn = await stack.gql(
        'mutation($email: String!) { signIn(input: {email: $email, password: "correct horse battery"}) { token } }',
        { email: refusedEmail(tag) },
      );
      expect(signIn.errors?.[0]?.extensions?.code, tag).toBe('INVALID_CREDENTIALS');
    }
  });

  it('who is calling: an anonymous mutation is UNAUTHENTICATED, a missing scope is named', async () => {
    const anonymous = await stack.gql('mutation { remember(input: {content: "x", kind: FACT}) { id } }');
    expectRefusal({ name: 'anonymous mutation', query: '', status: 200, code: 'UNAUTHENTICATED' }, anonymous.errors);
    expect(anonymous.errors?.[0]?.message).toBe('Sign in to use Mutation.remember.');
    const ada = await stack.signUp('Ada');
    const created = await stack.gql<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(input: {name: "read only", scopes: ["memories:read"]}) { secret } }',
      {},
      ada.token,
    );
    const key = created.data?.createApiKey.secret;
    const write = await stack.gql('mutation { remember(input: {content: "stored?", kind: FACT}) { id } }', {}, key);
    expectRefusal({ name: 'missing scope', query: '', status: 200, code: 'FORBIDDEN' }, write.errors);
    expect(write.errors?.[0]?.message).toMatch(/"memories:write" scope/);
    expect(write.errors?.[0]?.extensions?.requiredScope).toBe('memories:write');
    const listed = await stack.gql<{ me: { memories: { totalCount: number } } }>('{ me { memories { totalCount } } }', {}, key);
    expect(listed.data?.me.memories.totalCount).toBe(0);
  });

  it('a refused request stores nothing', async () => {
    const email = `refused-${Date.now()}@example.com`;
    const signUps = Array.from(
      { length: 31 },
      (_, i) => `s${i}: signUp(input: {email: "${email}", password: "correct horse battery", displayName: "R"}) { token }`,
    ).join(' ');
    const refused = await stack.gql(`mutation { ${signUps} }`);
    expect(refused.status).toBe(400);
    const signIn = await stack.gql(
      'mutation($email: String!) { signIn(input: {email: $email, password: "correct horse battery"}) { token } }',
      {
        email,
      },
    );
    expect(signIn.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('bad input under PERSISTED_OPERATIONS=safelist', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    const manifestPath = fileURLToPath(new URL('../../clients/sdk/src/gql/persisted-documents.json', import.meta.url));
    stack = await startE2eStack({ routerOverrides: { persistedOperations: { mode: 'safelist', manifestPath } } });
  });
  afterAll(() => stack?.close());

  const SAFELIST_ROWS: BadInput[] = [
    {
      name: 'a free-form document without an API key',
      query: '{ personas { id } }',
      status: 400,
      code: 'OPERATION_NOT_IN_SAFELIST',
    },
    {
      name: 'a hash that is in no manifest',
      query: '',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } },
      status: 400,
      code: 'PERSISTED_QUERY_NOT_FOUND',
    },
    {
      name: 'registering a new hash without an API key',
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('{ __typename }').digest('hex') } },
      status: 400,
      code: 'OPERATION_NOT_IN_SAFELIST',
    },
  ];

  it.each(SAFELIST_ROWS)('HTTP: $name', async (row) => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: row.query, ...(row.extensions ? { extensions: row.extensions } : {}) }),
    });
    expect(response.status, row.name).toBe(row.status);
    expectRefusal(row, errorsOfAnyAnswer(await response.text()));
  });

  it.each(SAFELIST_ROWS)('graphql-ws: $name', async (row) => {
    const client = routerWsClient(stack.url);
    try {
      const errors = await new Promise<{ message: string; extensions?: Record<string, unknown> }[]>((resolve, reject) => {
        client.subscribe(
          { query: row.query, ...(row.extensions ? { extensions: row.extensions } : {}) },
          {
            next: (result) => (result.errors ? resolve(result.errors as never) : reject(new Error('answered with data'))),
            error: (error) => (Array.isArray(error) ? resolve(error) : reject(error)),
            complete: () => reject(new Error('completed without an error')),
          },
        );
      });
      expectRefusal(row, errors);
    } finally {
      await client.dispose();
    }
  });
});
