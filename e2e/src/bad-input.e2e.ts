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

const INTERNAL = /127\.0\.0\.1|localhost|https?:\/\/|serviceName|stacktrace|\bat .+\.ts:\d+|SELECT |INSERT /i;

function expectRefusal(row: BadInput, errors: { message: string; extensions?: Record<string, unknown> }[] | undefined) {
  const first = errors?.[0];
  expect(first?.extensions?.code, row.name).toBe(row.code);
  // a human sentence: words, ending with a full stop
  expect(first?.message, row.name).toMatch(/^[A-Z"].{10,}[.]$/s);
  if (row.limit !== undefined) expect(first?.extensions?.limit, row.name).toBe(row.limit);
  expect(JSON.stringify(errors), row.name).not.toMatch(INTERNAL);
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

  it.each(ROWS.filter((row) => !row.httpOnly))('graphql-ws: $name', async (row) => {
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
