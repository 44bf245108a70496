import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { graphqlRequest } from '@miyu/testing/graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventAdapters } from '@miyu/events/create-event-adapters';
import { createLogger } from '@miyu/platform/logger';
import { createIdentitySubgraph } from './app.ts';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token expiresAt user { id displayName } } }`;

describe('identity subgraph', () => {
  let identity: TestSubgraph;
  beforeAll(async () => {
    identity = await startTestSubgraph(
      createIdentitySubgraph({
        userTokenTtlSeconds: 3600,
        events: createEventAdapters({ logger: createLogger({ service: 'identity', level: 'silent' }) }),
      }),
    );
  });
  afterAll(() => identity?.close());

  it('answers 401 without the internal token, before parsing', async () => {
    const response = await graphqlRequest(identity.url, '{ me { id } }');
    expect(response.status).toBe(401);
    const garbage = await fetch(identity.url, {
      method: 'POST',
      body: 'not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(garbage.status).toBe(401);
  });

  it('signs up, signs in and reads me', async () => {
    const anonymous = { kind: 'anonymous' } as const;
    const signUp = await identity.request<{ signUp: { token: string; user: { id: string; displayName: string } } }>(
      anonymous,
      SIGN_UP,
      {
        input: { email: 'Ada@Example.com', password: 'correct horse', displayName: 'Ada' },
      },
    );
    expect(signUp.errors).toBeUndefined();
    const userId = signUp.data?.signUp.user.id ?? '';
    expect(signUp.data?.signUp.user.displayName).toBe('Ada');
    expect(signUp.data?.signUp.token.split('.')).toHaveLength(3);

    const again = await identity.request(anonymous, SIGN_UP, {
      input: { email: 'ada@example.com', password: 'whatever1', displayName: 'X' },
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('EMAIL_TAKEN');

    const signIn = await identity.request(
      anonymous,
      `mutation { signIn(input: {email: "ada@example.com", password: "correct horse"}) { user { id } } }`,
    );
    expect(signIn.data).toEqual({ signIn: { user: { id: userId } } });
    const wrong = await identity.request(
      anonymous,
      `mutation { signIn(input: {email: "ada@example.com", password: "nope nope"}) { token } }`,
    );
    expect(wrong.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');

    const me = await identity.request(identity.asUser(userId), '{ me { id displayName identities { platform } } }');
    expect(me.data).toEqual({ me: { id: userId, displayName: 'Ada', identities: [] } });
    expect((await identity.request(anonymous, '{ me { id } }')).data).toEqual({ me: null });
  });

  it('rejects invalid sign-up input with a clear message', async () => {
    const response = await identity.request({ kind: 'anonymous' }, SIGN_UP, {
      input: { email: 'nope', password: 'short', displayName: '' },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/email.*password.*displayName/s);
  });

  it('resolves a foreign User reference to null', async () => {
    const response = await identity.request(
      identity.asUser('00000000-0000-4000-8000-000000000001'),
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName } } }`,
      {
        r: [{ __typename: 'User', id: '00000000-0000-4000-8000-000000000002' }],
      },
    );
    expect(response.data).toEqual({ _entities: [null] });
  });

  it('creates, verifies-by-hash and revokes API keys; platformSession needs a service', async () => {
    const anonymous = { kind: 'anonymous' } as const;
    const signUp = await identity.request<{ signUp: { user: { id: string } } }>(anonymous, SIGN_UP, {
      input: { email: 'bob@example.com', password: 'hunter22hunter', displayName: 'Bob' },
    });
    const bob = identity.asUser(signUp.data?.signUp.user.id ?? '');
    const created = await identity.request<{ createApiKey: { secret: string; apiKey: { id: string; scopes: string[] } } }>(
      bob,
      `mutation { createApiKey(input: {name: "ci", scopes: ["memories:read"]}) { secret apiKey { id scopes } } }`,
    );
    expect(created.data?.createApiKey.secret).toMatch(/^miyu_sk_/);
    const badScope = await identity.request(bob, `mutation { createApiKey(input: {name: "x", scopes: ["root"]}) { secret } }`);
    expect(badScope.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const keyId = created.data?.createApiKey.apiKey.id;
    const stranger = identity.asUser('00000000-0000-4000-8000-000000000009');
    expect((await identity.request(stranger, `mutation { revokeApiKey(id: "${keyId}") }`)).data).toEqual({ revokeApiKey: false });
    expect((await identity.request(bob, `mutation { revokeApiKey(id: "${keyId}") }`)).data).toEqual({ revokeApiKey: true });

    const session = `mutation { platformSession(input: {platform: TELEGRAM, externalId: "42", username: "tg_ada"}) { user { id identities { platform externalId username } } } }`;
    expect((await identity.request(bob, session)).errors?.[0]?.message).toMatch(/not authori[sz]ed/i);
    const worker = { kind: 'service', name: 'telegram', scopes: ['platform:session'] } as const;
    const first = await identity.request<{ platformSession: { user: { id: string } } }>(worker, session);
    expect(first.errors).toBeUndefined();
    const second = await identity.request<{ platformSession: { user: { id: string } } }>(worker, session);
    expect(second.data?.platformSession.user.id).toBe(first.data?.platformSession.user.id);
  });
});
