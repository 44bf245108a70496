import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import { testEnv } from '@miyu/testing/env';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY_STREAM, type StreamedChunk, assembled, send, startChat } from './conversation-flow.ts';
import { type E2eStack, startE2eStack } from './stack.ts';
import { collect, routerWsClient } from './ws-client.ts';

type Result = { data?: { replyStream: StreamedChunk }; errors?: { extensions?: { code?: string } }[] };

/** Follows a reply through the router, resubscribing with afterSeq whenever the stream breaks. */
async function followWithResume(stack: E2eStack, token: string, replyId: string, onChunk?: (chunk: StreamedChunk) => void) {
  const chunks: StreamedChunk[] = [];
  const interruptions: string[] = [];
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const client = routerWsClient(stack.url, token);
    const after = chunks.at(-1)?.seq ?? undefined;
    const stream = collect<Result>(client, REPLY_STREAM, { id: replyId, ...(after !== undefined ? { after } : {}) });
    const pushed = new Set<number>();
    const poll = setInterval(() => {
      for (const result of stream.results) {
        const chunk = result.data?.replyStream;
        if (chunk && !pushed.has(chunk.seq)) {
          pushed.add(chunk.seq);
          onChunk?.(chunk);
        }
      }
    }, 5);
    await stream.done.catch((error) => interruptions.push(String(error)));
    clearInterval(poll);
    await client.dispose();
    for (const result of stream.results) {
      if (result.data?.replyStream) chunks.push(result.data.replyStream);
      else interruptions.push(result.errors?.[0]?.extensions?.code ?? 'error');
    }
    if (chunks.at(-1)?.done) return { chunks, interruptions };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`reply never finished; interruptions: ${interruptions.join(', ')}`);
}

describe('replies survive restarts mid-stream', () => {
  let stack: E2eStack;
  let dataDir: string;
  let ada: { token: string; userId: string };
  let conversationId: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'miyu-e2e-'));
    // a slow offline provider (25 ms a word) so that there is a "mid-stream" to interrupt
    stack = await startE2eStack({
      dataDir,
      llm: { openai: { model: 'offline' }, resilience: DEFAULT_LLM_RESILIENCE, offlineWordDelayMs: 25 },
    });
    ada = await stack.signUp('Ada');
    conversationId = await startChat(stack, ada.token);
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('completes a reply when the conversation subgraph restarts mid-stream; nothing lost or duplicated', async () => {
    const sent = await send(
      stack,
      ada.token,
      conversationId,
      'Tell me a long story about a brave little cat who sails across the sea!',
    );
    let restarted: Promise<unknown> | undefined;
    const { chunks, interruptions } = await followWithResume(stack, ada.token, sent.reply.id, (chunk) => {
      if (chunk.seq === 2 && !restarted) restarted = stack.restartSubgraph('conversation', 200);
    });
    await restarted;
    expect(interruptions.length).toBeGreaterThan(0);
    expect(chunks.map((chunk) => chunk.seq)).toEqual(chunks.map((_, index) => chunks[0]!.seq + index));
    const final = chunks.at(-1)!;
    expect(final.message?.status).toBe('COMPLETE');
    expect(final.message?.content).toBe(assembled(chunks));
    const history = await stack.gql<{ conversation: { messages: { nodes: { role: string; status: string }[] } } }>(
      'query($id: ID!) { conversation(id: $id) { messages(last: 10) { nodes { role status } } } }',
      { id: conversationId },
      ada.token,
    );
    expect(history.data!.conversation.messages.nodes.filter((node) => node.role === 'USER')).toHaveLength(1);
    expect(history.data!.conversation.messages.nodes.filter((node) => node.role === 'ASSISTANT')).toEqual([
      { role: 'ASSISTANT', status: 'COMPLETE' },
    ]);
  });

  it.runIf(testEnv().REDIS_URL)('completes a reply when Redis drops every connection mid-stream', async () => {
    const admin = new Redis(testEnv().REDIS_URL!);
    const sent = await send(stack, ada.token, conversationId, 'Now tell me another story, about a dog who learns to fly!');
    const client = routerWsClient(stack.url, ada.token);
    const stream = collect<Result>(client, REPLY_STREAM, { id: sent.reply.id });
    await new Promise((resolve) => setTimeout(resolve, 150));
    // kill the stack's Redis connections (named miyu:*), as a Redis restart would
    const list = (await admin.client('LIST')) as string;
    for (const line of list.split('\n')) {
      const id = /id=(\d+)/.exec(line)?.[1];
      if (id && / name=miyu:/.test(line)) await admin.client('KILL', 'ID', id).catch(() => {});
    }
    await stream.done;
    await client.dispose();
    await admin.quit();
    const chunks = stream.results.map((result) => result.data!.replyStream);
    expect(chunks.map((chunk) => chunk.seq)).toEqual(chunks.map((_, index) => index));
    expect(chunks.at(-1)?.message?.content).toBe(assembled(chunks));
  });
});
