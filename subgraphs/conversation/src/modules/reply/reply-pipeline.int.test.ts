import type { Principal } from '@miyu/auth/principal';
import type { DomainEvent } from '@miyu/events/event-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageEntity } from '../message/message.entity.ts';
import { type Chunk, eventually, recordEvents, rowsOf, send, streamOf, textAfterLastReset } from '../../reply-test-support.ts';
import { type ConversationHarness, seeder, startConversationHarness, testLlm } from '../../conversation-test-support.ts';

const ADA = '00000000-0000-4000-8000-0000000000a1';
const BOB = '00000000-0000-4000-8000-0000000000b1';

describe('reply pipeline (offline provider, no router)', () => {
  let harness: ConversationHarness;
  let seed: ReturnType<typeof seeder>;
  let events: DomainEvent[];
  beforeAll(async () => {
    harness = await startConversationHarness({ llm: { ...testLlm(), offlineWordDelayMs: 2 } });
    seed = seeder(harness);
    events = await recordEvents(harness);
  });
  afterAll(() => harness?.close());

  it('stores the user message, a PENDING reply and the outbox event together and returns at once', async () => {
    const conversationId = await seed.conversation(ADA);
    const response = await send(harness, ADA, { conversationId, content: '  hello there  ' });
    expect(response.errors).toBeUndefined();
    const { message, reply } = response.data?.sendMessage ?? expect.fail('no payload');
    expect(message).toMatchObject({
      role: 'USER',
      status: 'COMPLETE',
      content: 'hello there',
      model: null,
      conversation: { id: conversationId },
    });
    expect(reply).toMatchObject({ role: 'ASSISTANT', status: 'PENDING', content: '', model: null });
    const { messages, outbox } = await rowsOf(harness, conversationId);
    expect(messages.map((row) => [row.id, row.role])).toEqual([
      [message.id, 'USER'],
      [reply.id, 'ASSISTANT'],
    ]);
    expect(messages[1]?.replyToId).toBe(message.id);
    const created = outbox.find((row) => row.type === 'message.created');
    expect(created?.payload).toEqual({
      userId: ADA,
      conversationId,
      messageId: message.id,
      replyId: reply.id,
      content: 'hello there',
      platform: 'WEB',
    });
    const published = await eventually(
      () => Promise.resolve(events.find((event) => event.id === created?.id)),
      (event) => event !== undefined,
    );
    expect(published).toMatchObject({ type: 'message.created', userId: ADA, payload: { replyId: reply.id } });
    await streamOf(harness, harness.asUser(ADA), reply.id);
  });

  it('streams the reply, stores it COMPLETE from the offline model and publishes reply.completed', async () => {
    const conversationId = await seed.conversation(ADA);
    const sent =
      (await send(harness, ADA, { conversationId, content: 'I had a really good day at the park!' })).data?.sendMessage ??
      expect.fail('no payload');
    const replyId = sent.reply.id;
    const { chunks, errors } = await streamOf(harness, harness.asUser(ADA), replyId);
    expect(errors).toBeUndefined();
    expect(chunks.map((chunk) => chunk.seq)).toEqual(chunks.map((_, i) => i));
    expect(chunks.length).toBeGreaterThan(2);
    const last = chunks.at(-1) as Chunk;
    expect(last).toMatchObject({ done: true, delta: '', reset: false, messageId: replyId });
    expect(chunks.slice(0, -1).every((chunk) => !chunk.done && chunk.message === null)).toBe(true);
    expect(last.message).toMatchObject({ id: replyId, role: 'ASSISTANT', status: 'COMPLETE', model: 'miyu-offline-1' });
    expect(last.message?.content.length).toBeGreaterThan(10);
    expect(textAfterLastReset(chunks)).toBe(last.message?.content);
    expect(chunks.some((chunk) => chunk.reset)).toBe(false);
    expect(last.message?.formattedParts).toEqual([last.message?.content]);
    const { messages, outbox } = await rowsOf(harness, conversationId);
    expect(messages.map((row) => row.status)).toEqual(['COMPLETE', 'COMPLETE']);
    const completed = outbox.find((row) => row.type === 'reply.completed');
    expect(completed?.payload).toEqual({
      userId: ADA,
      conversationId,
      messageId: replyId,
      replyToId: sent.message.id,
      content: last.message?.content,
      model: 'miyu-offline-1',
      fellBack: false,
    });
    await eventually(
      () => Promise.resolve(events.some((event) => event.id === completed?.id)),
      (found) => found,
    );
    expect(events.find((event) => event.id === completed?.id)?.type).toBe('reply.completed');
  });

  it('replays a finished reply to a late subscriber, and resumes after afterSeq', async () => {
    const conversationId = await seed.conversation(ADA);
    const replyId =
      (await send(harness, ADA, { conversationId, content: 'tell me something nice' })).data?.sendMessage.reply.id ?? '';
    const first = await streamOf(harness, harness.asUser(ADA), replyId);
    const late = await streamOf(harness, harness.asUser(ADA), replyId);
    expect(late.chunks).toEqual(first.chunks);
    const resumed = await streamOf(harness, harness.asUser(ADA), replyId, 1);
    expect(resumed.chunks).toEqual(first.chunks.filter((chunk) => chunk.seq > 1));
    expect(resumed.chunks[0]?.seq).toBe(2);
    expect(resumed.chunks.at(-1)?.done).toBe(true);
  });

  it('rebuilds the stream of a finished reply whose chunks are gone', async () => {
    const conversationId = await seed.conversation(ADA);
    const replyId = (await send(harness, ADA, { conversationId, content: 'hi again' })).data?.sendMessage.reply.id ?? '';
    const first = await streamOf(harness, harness.asUser(ADA), replyId);
    await harness.options.events.replyStreams.reset(replyId);
    const rebuilt = await streamOf(harness, harness.asUser(ADA), replyId);
    const content = first.chunks.at(-1)?.message?.content;
    expect(rebuilt.chunks).toEqual([{ ...first.chunks.at(-1), seq: 0, delta: content }]);
    const resumed = await streamOf(harness, harness.asUser(ADA), replyId, 4);
    expect(resumed.chunks.map(({ seq, reset, done, delta }) => ({ seq, reset, done, delta }))).toEqual([
      { seq: 5, reset: true, done: false, delta: '' },
      { seq: 6, reset: false, done: true, delta: content },
    ]);
  });

  it('gives many late subscribers of a finished reply one shared read of the final row', async () => {
    const conversationId = await seed.conversation(ADA);
    const replyId = (await send(harness, ADA, { conversationId, content: 'tell me a story' })).data?.sendMessage.reply.id ?? '';
    const first = await streamOf(harness, harness.asUser(ADA), replyId);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the reuse window of the first read
    harness.queryCounter.reset();
    const late = await Promise.all(Array.from({ length: 20 }, () => streamOf(harness, harness.asUser(ADA), replyId)));
    for (const stream of late) expect(stream.chunks).toEqual(first.chunks);
    // the message row read by id and owner (schema-qualified on PostgreSQL, placeholders or values)
    const byIdAndOwner =
      /select "m0"\.\* from (?:"[^"]+"\.)?"messages" as "m0" where "m0"\."id" = \S+ and "m0"\."user_id" = \S+ limit/;
    const reads = harness.queryCounter.statements.filter((sql) => byIdAndOwner.test(sql));
    // one ownership check per subscription, and one read of the final row for all of them
    expect(reads).toHaveLength(21);
  });

  it("refuses another user's, a missing and a malformed message id with the same NOT_FOUND", async () => {
    const conversationId = await seed.conversation(ADA);
    const replyId = (await send(harness, ADA, { conversationId, content: 'secret stuff' })).data?.sendMessage.reply.id ?? '';
    for (const id of [replyId, '00000000-0000-4000-8000-000000000999', 'nope']) {
      const foreign = await streamOf(harness, harness.asUser(BOB), id);
      expect(foreign.chunks).toEqual([]);
      expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(foreign.errors?.[0]?.message).toBe('Message not found.');
    }
    const anonymous = await streamOf(harness, { kind: 'anonymous' }, replyId);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const writeOnly: Principal = { kind: 'apiKey', userId: ADA, keyId: 'k', scopes: ['conversations:write'] };
    expect((await streamOf(harness, writeOnly, replyId)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const readKey: Principal = { kind: 'apiKey', userId: ADA, keyId: 'k', scopes: ['conversations:read'] };
    expect((await streamOf(harness, readKey, replyId)).chunks.at(-1)?.done).toBe(true);
  });

  it('formats replies for Telegram as escaped MarkdownV2', async () => {
    const conversationId = await seed.conversation(ADA, null, 'TELEGRAM');
    const replyId =
      (await send(harness, ADA, { conversationId, content: 'hello! how are you?' })).data?.sendMessage.reply.id ?? '';
    const { chunks } = await streamOf(harness, harness.asUser(ADA), replyId);
    const message = chunks.at(-1)?.message;
    expect(message?.formattedParts.length).toBe(1);
    const escaped = message?.content.replace(/[_*[\]()~`>#+\-=|{}.!\\]/g, (char) => `\\${char}`);
    expect(message?.formattedParts[0]).toBe(escaped);
    expect(message?.content).toMatch(/[.!?]/);
  });

  it('publishes outbox rows left behind by a crash on its next poll and still answers', async () => {
    const conversationId = await seed.conversation(BOB);
    const { message, reply } = await seed.pendingReply(BOB, conversationId, 'are you there?');
    const { chunks } = await streamOf(harness, harness.asUser(BOB), reply);
    expect(chunks.at(-1)?.message).toMatchObject({ status: 'COMPLETE', model: 'miyu-offline-1' });
    const stored = await harness.orm.em.fork().findOneOrFail(MessageEntity, { id: message });
    expect(stored).toMatchObject({ status: 'COMPLETE', content: 'are you there?' });
  });
});
