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
    // the gateway's fetches are measured per subgraph (signUp in beforeAll went to identity)
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/router_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="identity"[^}]*\} [1-9]/);
    expect(metrics).toContain('# TYPE router_subgraph_fetch_errors_total counter');
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

  it('says which credential failed, and asks an anonymous caller to sign in (not FORBIDDEN)', async () => {
    const forged = await stack.gql('{ me { id } }', {}, 'not-a-real-token');
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.message).toMatch(/sign-in token has expired or is not valid/);
    const unknownKey = await stack.gql('{ me { id } }', {}, `miyu_sk_${'x'.repeat(40)}`);
    expect(unknownKey.status).toBe(401);
    expect(unknownKey.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(unknownKey.errors?.[0]?.message).toMatch(/API key is not valid or was revoked/);
    const created = await stack.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      'mutation { createApiKey(input: { name: "soon revoked", scopes: ["memories:read"] }) { secret apiKey { id } } }',
      {},
      ada.token,
    );
    const key = created.data?.createApiKey;
    expect(key?.secret).toBeTruthy();
    await stack.gql('mutation($id: ID!) { revokeApiKey(id: $id) }', { id: key?.apiKey.id }, ada.token);
    const revoked = await stack.gql('{ me { id } }', {}, key?.secret);
    expect(revoked.status).toBe(401);
    expect(revoked.errors?.[0]?.message).toMatch(/API key is not valid or was revoked/);
    const anonymous = await stack.gql('mutation { startConversation(input: { platform: WEB }) { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.errors?.[0]?.message).toMatch(/^Sign in to use Mutation\.startConversation\.$/);
  });

  it('names a missing scope, lets a memories:read key page memories, and lists one’s own keys', async () => {
    const created = await stack.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      'mutation { createApiKey(input: { name: "memories only", scopes: ["memories:read"] }) { secret apiKey { id } } }',
      {},
      ada.token,
    );
    const secret = created.data?.createApiKey.secret;
    const memories = await stack.gql<{ me: { id: string; memories: { totalCount: number } } }>(
      '{ me { id memories { totalCount } } }',
      {},
      secret,
    );
    expect(memories.errors).toBeUndefined();
    expect(memories.data?.me).toEqual({ id: ada.userId, memories: { totalCount: expect.any(Number) } });
    const profile = await stack.gql<{ me: { displayName: string | null } | null }>('{ me { displayName } }', {}, secret);
    expect(profile.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'profile:read' });
    expect(profile.errors?.[0]?.message).toMatch(/lacks the "profile:read" scope, which User\.displayName needs\./);
    const listed = await stack.gql<{ apiKeys: { id: string; name: string; scopes: string[] }[] }>(
      '{ apiKeys { id name scopes lastUsedAt } }',
      {},
      ada.token,
    );
    expect(listed.data?.apiKeys).toContainEqual(
      expect.objectContaining({ id: created.data?.createApiKey.apiKey.id, name: 'memories only', scopes: ['memories:read'] }),
    );
    expect(listed.data?.apiKeys.map((k) => k.name)).not.toContain('soon revoked');
    const byKey = await stack.gql('{ apiKeys { id } }', {}, secret);
    expect(byKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const scopes = await stack.gql<{ apiKeyScopes: { name: string }[] }>('{ apiKeyScopes { name description } }');
    expect(scopes.data?.apiKeyScopes.map((s) => s.name)).toContain('memories:read');
  });

  it('clamps recall(limit:) instead of nulling the whole of me', async () => {
    // the first recall of a fresh stack loads the embeddings; on a loaded machine that can pass the subgraph timeout
    await stack.gql('{ me { recall(query: "tea") { score } } }', {}, ada.token);
    const response = await stack.gql<{ me: { id: string; recall: unknown[] } | null }>(
      '{ me { id recall(query: "tea", limit: 100000) { score } } }',
      {},
      ada.token,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.me?.id).toBe(ada.userId);
    expect(response.data?.me?.recall.length).toBeLessThanOrEqual(20);
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
