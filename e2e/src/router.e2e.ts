import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eStack, startE2eStack } from './stack.ts';

describe('router behaviour', () => {
  let stack: E2eStack;
  let ada: { token: string; userId: string };
  beforeAll(async () => {
    stack = await startE2eStack();
    ada = await stack.signUp('Ada');
  });
  afterAll(() => stack?.close());

  it('serves health, readiness, metrics and GraphiQL without a CDN', async () => {
    const base = stack.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ status: 'ready' });
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('http_request_duration_seconds');
    const page = await fetch(stack.url, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('MIYU GraphiQL');
    expect(html).not.toMatch(/<script[^>]+src="https?:\/\//);
    // GraphiQL loads the schema with the standard (deep) introspection query
    const introspection = await stack.gql(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    expect(JSON.stringify(introspection.data)).toContain('replyStream');
  });

  it('rejects bad credentials with 401 instead of acting anonymously', async () => {
    const response = await stack.gql('{ me { id } }', {}, 'not-a-real-token');
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('limits depth, aliases (including __typename) and tokens', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(' ');
    const aliased = await stack.gql(`{ ${aliases} }`);
    expect(aliased.status).toBe(400);
    expect(aliased.errors?.[0]?.message).toMatch(/aliases/);
    const deep = await stack.gql(
      '{ me { conversations { nodes { messages { nodes { conversation { messages { nodes { conversation { messages { nodes { conversation { id } } } } } } } } } } } } }',
      {},
      ada.token,
    );
    expect(deep.status).toBe(400);
    expect(deep.errors?.[0]?.message).toMatch(/depth/);
    const tokens = await stack.gql(`{ ${'__typename '.repeat(3000)} }`);
    expect(tokens.status).toBe(400);
  });

  it('answers malformed and oversized bodies with 4xx, never 500', async () => {
    const garbage = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(garbage.status).toBe(400);
    const huge = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ analyzeEmotion(text: "${'a'.repeat(400_000)}") { primary } }` }),
    });
    expect(huge.status).toBe(400);
    const unknownField = await stack.gql('{ nope }');
    expect(unknownField.status).toBe(400);
    const wrongVariable = await stack.gql(
      'query($id: ID!) { conversation(id: $id) { id } }',
      { id: { not: 'an id' } },
      ada.token,
    );
    expect(wrongVariable.status).toBe(400);
  });

  it('applies CSRF prevention to simple requests', async () => {
    const response = await fetch(`${stack.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(400);
  });

  it('reports a subgraph failure as partial data without internal URLs', async () => {
    await stack.subgraphs.conversation!.close();
    const response = await stack.gql<{ me: { id: string } | null; conversation: unknown }>(
      '{ me { id displayName } conversation(id: "5d1f2e7c-0000-4000-8000-000000000000") { id } }',
      {},
      ada.token,
    );
    expect(response.data).toEqual({ me: { id: ada.userId, displayName: 'Ada' }, conversation: null });
    const body = JSON.stringify(response);
    expect(body).not.toMatch(/127\.0\.0\.1|localhost|http:\/\//);
    expect(response.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
  });
});
