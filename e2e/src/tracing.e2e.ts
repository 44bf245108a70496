import { loadTracingEnv } from '@miyu/platform/tracing/env';
import { createInMemorySpans, type ReadableSpan } from '@miyu/platform/tracing/in-memory-spans';
import { injectTraceHeaders } from '@miyu/platform/tracing/propagation';
import { SpanKind, withSpan } from '@miyu/platform/tracing/spans';
import { startTracing, type TracingHandle } from '@miyu/platform/tracing/start-tracing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY_STREAM, type StreamedChunk, startChat } from './conversation-flow.ts';
import { type E2eStack, startE2eStack } from './stack.ts';
import { collect, routerWsClient } from './ws-client.ts';

const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { message { id } reply { id status } } }';

describe('one sendMessage is one trace (in-memory exporter)', () => {
  const memory = createInMemorySpans();
  let tracing: TracingHandle;
  let stack: E2eStack;
  let ada: { token: string; userId: string };
  let conversationId: string;
  beforeAll(async () => {
    tracing = await startTracing({ service: 'e2e', config: loadTracingEnv({}), spanProcessors: [memory.processor] });
    stack = await startE2eStack();
    ada = await stack.signUp('Ada');
    conversationId = await startChat(stack, ada.token);
    await stack.gql(
      'mutation { remember(input: {content: "My cat is called Miso", kind: FACT, importance: 0.9}) { id } }',
      {},
      ada.token,
    );
  });
  afterAll(async () => {
    await stack?.close();
    await tracing?.shutdown();
  });

  it('follows the reply from the client request through router, conversation, personality, memory and the LLM', async () => {
    // the client's own span: its traceparent goes with the mutation
    const { traceId, replyId } = await withSpan('client sendMessage', { kind: SpanKind.CLIENT }, async (span) => {
      const response = await fetch(stack.url, {
        method: 'POST',
        headers: injectTraceHeaders({ 'content-type': 'application/json', authorization: `Bearer ${ada.token}` }),
        body: JSON.stringify({ query: SEND, variables: { input: { conversationId, content: 'What is my cat called?' } } }),
      });
      const body = (await response.json()) as { data: { sendMessage: { reply: { id: string } } } };
      return { traceId: span.spanContext().traceId, replyId: body.data.sendMessage.reply.id };
    });
    const client = routerWsClient(stack.url, ada.token);
    const stream = collect<{ data: { replyStream: StreamedChunk } }>(client, REPLY_STREAM, { id: replyId });
    await stream.done;
    await client.dispose();
    expect(stream.results.at(-1)?.data.replyStream.done).toBe(true);

    const spans = (await memory.finished()).filter((span) => span.spanContext().traceId === traceId);
    const names = [...new Set(spans.map((span) => span.name))].sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'client sendMessage',
        'POST /graphql',
        'gateway.plan',
        'subgraph conversation',
        'conversation graphql',
        'reply job',
        'subgraph memory',
        'memory graphql',
        'memory recall',
        'subgraph personality',
        'personality graphql',
        'llm offline',
      ]),
    );

    // one tree: every span but the client's has its parent in the trace
    const ids = new Set(spans.map((span) => span.spanContext().spanId));
    const orphans = spans.filter((span) => span.name !== 'client sendMessage' && !ids.has(span.parentSpanContext?.spanId ?? ''));
    expect(orphans.map((span) => span.name)).toEqual([]);

    // the reply job hangs under the sendMessage request, and the LLM call and the recall under the job
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const ancestors = (span: ReadableSpan) => {
      const chain: string[] = [];
      for (let at = byId.get(span.parentSpanContext?.spanId ?? ''); at; at = byId.get(at.parentSpanContext?.spanId ?? ''))
        chain.push(at.name);
      return chain;
    };
    const job = spans.find((span) => span.name === 'reply job')!;
    expect(ancestors(job)).toEqual(expect.arrayContaining(['conversation graphql', 'subgraph conversation', 'POST /graphql']));
    const llm = spans.find((span) => span.name === 'llm offline')!;
    expect(ancestors(llm)).toContain('reply job');
    expect(llm.events.map((event) => event.name)).toContain('first_token');
    expect(llm.attributes['llm.first_token_ms']).toEqual(expect.any(Number));
    // the job ends after the last chunk is written: it spans the whole stream
    const lastSpanEnd = (span: ReadableSpan) => span.endTime[0] * 1e3 + span.endTime[1] / 1e6;
    expect(lastSpanEnd(job)).toBeGreaterThanOrEqual(lastSpanEnd(llm));
  });
});
