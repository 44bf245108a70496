import { fileURLToPath } from 'node:url';
import {
  ReplyStreamDocument,
  SendMessageDocument,
  SignUpDocument,
  StartConversationDocument,
  WebCreateApiKeyDocument,
  WebPersonasDocument,
} from '@miyu/sdk/gql/graphql';
import { createMiyuClient } from '@miyu/sdk/miyu-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eStack, startE2eStack } from './stack.ts';
import { routerWsClient } from './ws-client.ts';

const MANIFEST = fileURLToPath(new URL('../../clients/sdk/src/gql/persisted-documents.json', import.meta.url));
const hashOf = (document: object) => (document as { __meta__: { hash: string } }).__meta__.hash.replace('sha256:', '');
const byHash = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

type Answer = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

/** PERSISTED_OPERATIONS=safelist: MIYU's own clients (through the SDK) work, anything else is refused by code. */
describe('persisted operations in safelist mode', () => {
  let stack: E2eStack;
  const post = async (body: unknown, token?: string) => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };
  beforeAll(async () => {
    // the GraphiQL bypass needs its page as Referer; these requests send none
    stack = await startE2eStack({ routerOverrides: { persistedOperations: { mode: 'safelist', manifestPath: MANIFEST } } });
  });
  afterAll(() => stack?.close());

  it('the SDK (the web app’s and the workers’ path) sends only hashes, and its flow succeeds', async () => {
    const sent: string[] = [];
    const pipelineAnswers: Promise<number>[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      // the SDK's own calls; the gateway and the reply pipeline (x-miyu-act-as) share this process's fetch
      const headers = new Headers(init?.headers);
      if (String(input) === stack.url && !headers.has('x-miyu-act-as')) sent.push(String(init?.body ?? ''));
      const answer = realFetch(input, init);
      // the reply pipeline's context query (a service credential acting for the user) is its own document
      if (String(input) === stack.url && headers.has('x-miyu-act-as')) pipelineAnswers.push(answer.then((r) => r.status));
      return answer;
    };
    try {
      const anonymous = createMiyuClient({ url: stack.url });
      const { signUp } = await anonymous.request(SignUpDocument, {
        input: { email: `pq-${Date.now()}@example.com`, password: 'correct horse battery', displayName: 'Pq' },
      });
      const client = createMiyuClient({ url: stack.url, token: signUp.token });
      const { personas } = await client.request(WebPersonasDocument, {});
      expect(personas.length).toBeGreaterThan(0);
      const { startConversation } = await client.request(StartConversationDocument, { input: { platform: 'WEB' } });
      const { sendMessage } = await client.request(SendMessageDocument, {
        input: { conversationId: startConversation.id, content: 'Hello by hash' },
      });
      let done = false;
      for await (const { replyStream } of client.subscribe(ReplyStreamDocument, { messageId: sendMessage.reply.id })) {
        if (replyStream.done) done = true;
      }
      expect(done).toBe(true);
      await client.close();
      await anonymous.close();
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(await Promise.all(pipelineAnswers), 'the reply context query is not refused by the safelist').toEqual([200]);
    expect(sent, 'one POST per request: no text sent after the hash').toHaveLength(4);
    for (const body of sent) {
      expect(JSON.parse(body)).not.toHaveProperty('query');
      expect(JSON.parse(body).extensions.persistedQuery.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('a manifest id (documentId) runs, over POST and GET', async () => {
    const byId = await post({ documentId: `sha256:${hashOf(WebPersonasDocument)}` });
    expect(byId.status).toBe(200);
    expect(byId.body.data).toHaveProperty('personas');
    const url = new URL(stack.url);
    url.searchParams.set('extensions', JSON.stringify(byHash(hashOf(WebPersonasDocument))));
    const get = await fetch(url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as Answer).data).toHaveProperty('personas');
  });

  it('refuses a free-form document from a caller without an API key, over HTTP and graphql-ws', async () => {
    const refused = await post({ query: '{ personas { id } }' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_IN_SAFELIST');
    expect(refused.body.errors?.[0]?.message).toMatch(/API key/);
    const ws = routerWsClient(stack.url);
    try {
      const errors = await new Promise<Answer['errors']>((resolve, reject) => {
        ws.subscribe(
          { query: 'subscription { companionChanged { mode } }' },
          {
            next: () => reject(new Error('answered')),
            error: (error) => resolve(error as never),
            complete: () => reject(new Error('completed')),
          },
        );
      });
      expect(errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_IN_SAFELIST');
    } finally {
      await ws.dispose();
    }
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND and will not register it', async () => {
    const unknown = await post({ extensions: byHash('0'.repeat(64)) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('lets an integrator (API key) send and register free-form documents', async () => {
    const anonymous = createMiyuClient({ url: stack.url });
    const { signUp } = await anonymous.request(SignUpDocument, {
      input: { email: `pq-key-${Date.now()}@example.com`, password: 'correct horse battery', displayName: 'Key' },
    });
    await anonymous.close();
    const user = createMiyuClient({ url: stack.url, token: signUp.token });
    const { createApiKey } = await user.request(WebCreateApiKeyDocument, { input: { name: 'ci', scopes: ['profile:read'] } });
    await user.close();
    const query = '{ personas { id name } }';
    const free = await post({ query }, createApiKey.secret);
    expect(free.status).toBe(200);
    expect(free.body.data).toHaveProperty('personas');
    const hash = (await import('node:crypto')).createHash('sha256').update(query).digest('hex');
    const registered = await post({ query, extensions: byHash(hash) }, createApiKey.secret);
    expect(registered.status).toBe(200);
    const again = await post({ extensions: byHash(hash) }, createApiKey.secret);
    expect(again.body.data).toHaveProperty('personas');
  });
});
