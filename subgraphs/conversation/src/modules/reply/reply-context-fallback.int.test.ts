import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageEntity } from '../message/message.entity.ts';
import { eventually, send, streamOf } from '../../reply-test-support.ts';
import { type ConversationHarness, seeder, startConversationHarness, testLlm } from '../../conversation-test-support.ts';

const ADA = '00000000-0000-4000-8000-0000000000c7';

describe('reply context: a context query that times out or fails', () => {
  let hanging: Server;
  let harness: ConversationHarness;
  let mode: 'hang' | 'fail' = 'hang';
  beforeAll(async () => {
    // a router that never answers (or answers 503): the pipeline must not wait past its timeout
    hanging = createServer((_req, res) => {
      if (mode === 'fail') res.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"message":"down"}]}');
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/graphql`;
    harness = await startConversationHarness({
      llm: { ...testLlm(), offlineWordDelayMs: 0 },
      router: { url: () => url, serviceSecret: 's'.repeat(32) },
      replyContext: { timeoutMs: 300 },
    });
  });
  afterAll(async () => {
    await harness?.close();
    hanging?.closeAllConnections();
    await new Promise((resolve) => hanging?.close(resolve));
  });

  const replyOf = async (content: string) => {
    const conversationId = await seeder(harness).conversation(ADA);
    const sent = await send(harness, ADA, { conversationId, content });
    const replyId = sent.data?.sendMessage.reply.id ?? expect.fail('no reply');
    await streamOf(harness, harness.asUser(ADA), replyId);
    return eventually(
      () => harness.orm.em.fork().findOneOrFail(MessageEntity, { id: replyId }),
      (row) => row.status === 'COMPLETE',
    );
  };

  it('replies with minimal context after the timeout and says so on the message', async () => {
    mode = 'hang';
    const started = Date.now();
    const reply = await replyOf('hello, are you there?');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(reply.content.length).toBeGreaterThan(0);
    expect(reply.contextComplete).toBe(false);
    const read = await harness.request<{ _entities: { contextComplete: boolean | null }[] }>(
      harness.asUser(ADA),
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Message { contextComplete } } }',
      { r: [{ __typename: 'Message', id: reply.id }] },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?._entities).toEqual([{ contextComplete: false }]);
  });

  it('marks a reply whose context query failed, and leaves user messages null', async () => {
    mode = 'fail';
    const reply = await replyOf('and now?');
    expect(reply.contextComplete).toBe(false);
    const question = await harness.orm.em.fork().findOneOrFail(MessageEntity, { id: reply.replyToId ?? '' });
    expect(question.contextComplete).toBeNull();
  });
});
