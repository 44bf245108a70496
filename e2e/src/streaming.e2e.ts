import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY_STREAM, type StreamedChunk, assembled, send, startChat } from './conversation-flow.ts';
import { readMultipart, readSse, subscribeOverHttp } from './http-stream-client.ts';
import { type E2eStack, startE2eStack } from './stack.ts';
import { collect, routerWsClient } from './ws-client.ts';

describe('streamed replies through the router', () => {
  let stack: E2eStack;
  let ada: { token: string; userId: string };
  let conversationId: string;
  beforeAll(async () => {
    stack = await startE2eStack();
    ada = await stack.signUp('Ada');
    conversationId = await startChat(stack, ada.token);
    await stack.gql(
      'mutation { remember(input: {content: "My cat is called Miso", kind: FACT, importance: 0.9}) { id } }',
      {},
      ada.token,
    );
  });
  afterAll(() => stack?.close());

  it('streams a reply over graphql-ws that uses what MIYU remembers, and stores exactly what was streamed', async () => {
    const sent = await send(stack, ada.token, conversationId, 'What is my cat called?', 'ws-1');
    expect(sent.reply.status).toBe('PENDING');
    const client = routerWsClient(stack.url, ada.token);
    const stream = collect<{ data: { replyStream: StreamedChunk } }>(client, REPLY_STREAM, { id: sent.reply.id });
    await stream.done;
    await client.dispose();
    const chunks = stream.results.map((result) => result.data.replyStream);
    expect(chunks.map((chunk) => chunk.seq)).toEqual(chunks.map((_, index) => index));
    const last = chunks.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.message?.status).toBe('COMPLETE');
    expect(last.message?.model).toBe('miyu-offline-1');
    expect(last.message?.content).toBe(assembled(chunks));
    expect(last.message?.content).toContain('Miso');
    // the user's message emotion comes from the personality subgraph through the per-event rest plan
    expect(last.message?.replyTo?.id).toBe(sent.message.id);
    expect(last.message?.replyTo?.emotion?.primary).toEqual(expect.any(String));
  });

  it('replays everything to a late subscriber and resumes after afterSeq', async () => {
    const sent = await send(stack, ada.token, conversationId, 'Tell me something nice about today!');
    const client = routerWsClient(stack.url, ada.token);
    const first = collect<{ data: { replyStream: StreamedChunk } }>(client, REPLY_STREAM, { id: sent.reply.id });
    await first.done;
    const all = first.results.map((result) => result.data.replyStream);
    const late = collect<{ data: { replyStream: StreamedChunk } }>(client, REPLY_STREAM, { id: sent.reply.id });
    await late.done;
    expect(late.results.map((result) => result.data.replyStream.seq)).toEqual(all.map((chunk) => chunk.seq));
    const resumed = collect<{ data: { replyStream: StreamedChunk } }>(client, REPLY_STREAM, { id: sent.reply.id, after: 0 });
    await resumed.done;
    expect(resumed.results.map((result) => result.data.replyStream.seq)).toEqual(all.slice(1).map((chunk) => chunk.seq));
    await client.dispose();
  });

  it('streams over multipart HTTP and over server-sent events', async () => {
    const sent = await send(stack, ada.token, conversationId, 'Hello MIYU');
    const multipart = await subscribeOverHttp(
      stack.url,
      'multipart/mixed;subscriptionSpec="1.0", application/json',
      ada.token,
      REPLY_STREAM,
      { id: sent.reply.id },
    );
    expect(multipart.headers.get('content-type')).toContain('multipart/mixed');
    const parts = (await readMultipart(multipart)) as { payload?: { data: { replyStream: StreamedChunk } } }[];
    const viaMultipart = parts.flatMap((part) => (part.payload ? [part.payload.data.replyStream] : []));
    expect(viaMultipart.at(-1)?.done).toBe(true);
    expect(viaMultipart.at(-1)?.message?.content).toBe(assembled(viaMultipart));

    const sse = await subscribeOverHttp(stack.url, 'text/event-stream', ada.token, REPLY_STREAM, { id: sent.reply.id });
    const { events, completed } = await readSse(sse);
    const viaSse = (events as { data: { replyStream: StreamedChunk } }[]).map((event) => event.data.replyStream);
    expect(completed).toBe(true);
    expect(viaSse.map((chunk) => chunk.seq)).toEqual(viaMultipart.map((chunk) => chunk.seq));
  });

  it('is idempotent on clientMessageId', async () => {
    const first = await send(stack, ada.token, conversationId, 'Same message', 'dup-1');
    const again = await send(stack, ada.token, conversationId, 'Same message', 'dup-1');
    expect(again.message.id).toBe(first.message.id);
    expect(again.reply.id).toBe(first.reply.id);
    const history = await stack.gql<{ conversation: { messages: { nodes: { content: string }[] } } }>(
      'query($id: ID!) { conversation(id: $id) { messages(last: 50) { nodes { content } } } }',
      { id: conversationId },
      ada.token,
    );
    expect(history.data!.conversation.messages.nodes.filter((node) => node.content === 'Same message')).toHaveLength(1);
  });

  it("refuses another user's reply stream and conversation", async () => {
    const sent = await send(stack, ada.token, conversationId, 'private thoughts');
    const bob = await stack.signUp('Bob');
    const client = routerWsClient(stack.url, bob.token);
    const stream = collect(client, REPLY_STREAM, { id: sent.reply.id });
    await stream.done.catch(() => {});
    expect(JSON.stringify(stream.results)).toMatch(/NOT_FOUND|not found/i);
    expect(JSON.stringify(stream.results)).not.toContain('private');
    const refused = await stack.gql(
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { reply { id } } }',
      { input: { conversationId, content: 'hi' } },
      bob.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await client.dispose();
  });
});
