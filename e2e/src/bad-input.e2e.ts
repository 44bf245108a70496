import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eStack, startE2eStack } from './stack.ts';
import { type BadInput, CALLER_ORIGIN, REQUEST_ROWS, ROWS, refusedEmail, SUBSCRIPTION_ROWS, signUpOf } from './bad-input-rows.ts';
import { routerWsClient } from './ws-client.ts';

// The rows (bad inputs, one each) are in bad-input-rows.ts: add one there.

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
