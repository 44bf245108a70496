import { DEFAULT_SUBSCRIPTIONS } from '@miyu/router/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eStack, startE2eStack } from './stack.ts';
import { rawSocket, routerWsClient } from './ws-client.ts';

describe('graphql-ws on the router', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack({
      userTokenTtlSeconds: 4,
      routerOverrides: {
        subscriptions: {
          ...DEFAULT_SUBSCRIPTIONS,
          connectionInitTimeoutMs: 500,
          maxPayloadBytes: 16 * 1024,
          allowedOrigins: ['https://miyu.example'],
        },
      },
    });
  });
  afterAll(() => stack?.close());

  it('runs queries and mutations over graphql-ws with the same auth as HTTP', async () => {
    // user tokens live 4 s in this stack (to test expiry), which a loaded machine can outlast here:
    // the socket authenticates with an API key of Ada's instead (the same authenticator as HTTP)
    const ada = await stack.signUp('Ada');
    const created = await stack.gql<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(input: { name: "ws", scopes: ["profile:read", "memories:write"] }) { secret } }',
      {},
      ada.token,
    );
    const client = routerWsClient(stack.url, created.data?.createApiKey.secret);
    const me = await new Promise((resolve, reject) => {
      client.subscribe({ query: '{ me { id displayName } }' }, { next: resolve, error: reject, complete: () => {} });
    });
    expect(me).toEqual({ data: { me: { id: ada.userId, displayName: 'Ada' } } });
    const remembered = await new Promise<{ data: { remember: { content: string } } }>((resolve, reject) => {
      client.subscribe<{ remember: { content: string } }>(
        { query: 'mutation { remember(input: {content: "I like tea", kind: PREFERENCE}) { content } }' },
        { next: (value) => resolve(value as never), error: reject, complete: () => {} },
      );
    });
    expect(remembered.data.remember.content).toBe('I like tea');
    // an error result (here a catalogued one) arrives as a result and leaves the socket open
    const failed = await new Promise<{ errors?: { extensions?: { code?: string } }[] }>((resolve, reject) => {
      client.subscribe(
        { query: 'mutation { updateMemory(id: "5d1f2e7c-0000-4000-8000-000000000000", content: "x") { id } }' },
        { next: resolve as never, error: reject, complete: () => {} },
      );
    });
    expect(failed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const still = await new Promise((resolve, reject) => {
      client.subscribe({ query: '{ me { id } }' }, { next: resolve, error: reject, complete: () => {} });
    });
    expect(still).toEqual({ data: { me: { id: ada.userId } } });
    await client.dispose();
  });

  it('applies the same validation limits as HTTP', async () => {
    const ada = await stack.signUp('Ada');
    const client = routerWsClient(stack.url, ada.token);
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(' ');
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: `{ ${aliases} }` }, { next: () => {}, error: resolve, complete: () => resolve(null) });
    });
    expect(JSON.stringify(error)).toMatch(/aliases/);
    await client.dispose();
  });

  it('closes with 4401 and the failed credential named on a bad token or API key', async () => {
    const raw = rawSocket(stack.url);
    await raw.opened;
    raw.socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer forged' } }));
    const closed = await raw.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/sign-in token has expired or is not valid/);
    const key = rawSocket(stack.url);
    await key.opened;
    key.socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer miyu_sk_${'x'.repeat(40)}` } }));
    const keyClosed = await key.closed;
    expect(keyClosed.code).toBe(4401);
    expect(keyClosed.reason).toMatch(/API key is not valid or was revoked/);
  });

  it('closes with 4408 when connection_init does not come in time', async () => {
    const raw = rawSocket(stack.url);
    await raw.opened;
    expect((await raw.closed).code).toBe(4408);
  });

  it('closes with 4401 on subscribe before the connection is acknowledged', async () => {
    const raw = rawSocket(stack.url);
    await raw.opened;
    raw.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }));
    expect((await raw.closed).code).toBe(4401);
  });

  it('closes with 1009 on an oversized frame', async () => {
    const raw = rawSocket(stack.url);
    await raw.opened;
    raw.socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(64 * 1024) } }));
    expect((await raw.closed).code).toBe(1009);
  });

  it('refuses browser origins that are not allowed', async () => {
    const raw = rawSocket(stack.url, { origin: 'https://evil.example' });
    await expect(raw.opened).rejects.toThrow('HTTP 403');
    const allowed = rawSocket(stack.url, { origin: 'https://miyu.example' });
    await allowed.opened;
    allowed.socket.close();
  });

  it('closes the socket with 4403 when the token expires', async () => {
    const fresh = await stack.signUp('Shortlived');
    const raw = rawSocket(stack.url);
    await raw.opened;
    raw.socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${fresh.token}` } }));
    const started = Date.now();
    const closed = await raw.closed;
    expect(closed).toEqual({ code: 4403, reason: 'Token expired' });
    expect(raw.messages[0]).toEqual({ type: 'connection_ack' });
    expect(Date.now() - started).toBeLessThan(6_000);
  });
});
