import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelReply, streamedText } from './cancel-reply.ts';
import { readStoredChunks } from './stream-position.ts';
import { eventually, rowsOf, send, streamOf, textAfterLastReset } from '../../reply-test-support.ts';
import { type ConversationHarness, seeder, startConversationHarness, testLlm } from '../../conversation-test-support.ts';

const ADA = '00000000-0000-4000-8000-0000000000d1';
const BOB = '00000000-0000-4000-8000-0000000000d2';
const CANCEL = 'mutation($id: ID!) { cancelReply(messageId: $id) { id status content } }';

describe('cancelReply', () => {
  let harness: ConversationHarness;
  let seed: ReturnType<typeof seeder>;
  beforeAll(async () => {
    // 40 ms a word: a reply takes long enough to be stopped halfway
    harness = await startConversationHarness({ llm: { ...testLlm(), offlineWordDelayMs: 40 } });
    seed = seeder(harness);
  });
  afterAll(() => harness?.close());

  it('stops a streaming reply: COMPLETE with the text so far, a done chunk, and no more output', async () => {
    const conversationId = await seed.conversation(ADA);
    const sent = (await send(harness, ADA, { conversationId, content: 'tell me a long story about the sea' })).data!.sendMessage;
    const replyId = sent.reply.id;
    const streaming = streamOf(harness, harness.asUser(ADA), replyId);
    await eventually(
      () => readStoredChunks(harness.options.events.replyStreams, replyId, 20),
      (chunks) => chunks.some((chunk) => chunk.delta.length > 0),
    );
    const foreign = await harness.request(harness.asUser(BOB), CANCEL, { id: replyId });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const cancelled = await harness.request<{ cancelReply: { id: string; status: string; content: string } }>(
      harness.asUser(ADA),
      CANCEL,
      { id: replyId },
    );
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelReply.status).toBe('COMPLETE');
    const { chunks } = await streaming;
    const done = chunks.at(-1);
    expect(done).toMatchObject({ done: true, message: { status: 'COMPLETE' } });
    const shown = textAfterLastReset(chunks);
    expect(shown.length).toBeGreaterThan(0);
    expect(done?.message?.content).toBe(shown);

    // The job stopped: no chunk after the done one, and the row keeps the cut text.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const stored = await readStoredChunks(harness.options.events.replyStreams, replyId, 50);
    expect(stored.filter((chunk) => chunk.done)).toHaveLength(1);
    expect(Math.max(...stored.map((chunk) => chunk.seq))).toBe(done?.seq);
    const { messages, outbox } = await rowsOf(harness, conversationId);
    expect(messages.at(-1)).toMatchObject({ id: replyId, status: 'COMPLETE', content: shown });
    expect(outbox.filter((row) => row.type === 'reply.completed')).toHaveLength(1);
  });

  it('leaves a final reply as it is, and refuses a malformed id', async () => {
    const conversationId = await seed.conversation(ADA);
    const sent = (await send(harness, ADA, { conversationId, content: 'hi' })).data!.sendMessage;
    const { chunks } = await streamOf(harness, harness.asUser(ADA), sent.reply.id);
    const final = chunks.at(-1)?.message;
    await eventually(
      () => rowsOf(harness, conversationId),
      (rows) => rows.messages.at(-1)?.status === 'COMPLETE',
    );
    const again = await harness.request(harness.asUser(ADA), CANCEL, { id: sent.reply.id });
    expect(again.data).toEqual({ cancelReply: { id: sent.reply.id, status: 'COMPLETE', content: final?.content } });
    const bad = await harness.request(harness.asUser(ADA), CANCEL, { id: 'not-an-id' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('cancelReply while the job still appends', () => {
  let harness: ConversationHarness;
  beforeAll(async () => {
    // 300 ms a word: the reply is stopped between two of its chunks
    harness = await startConversationHarness({ llm: { ...testLlm(), offlineWordDelayMs: 300 } });
  });
  afterAll(() => harness?.close());

  it('saves exactly the text streamed before the done chunk, and the stream takes no chunk after it', async () => {
    const replyStreams = harness.options.events.replyStreams;
    const conversationId = await seeder(harness).conversation(ADA);
    const sent = (await send(harness, ADA, { conversationId, content: 'tell me a long story about the sea' })).data!.sendMessage;
    const replyId = sent.reply.id;
    const streaming = streamOf(harness, harness.asUser(ADA), replyId);
    await eventually(
      () => readStoredChunks(replyStreams, replyId, 20),
      (chunks) => chunks.some((chunk) => chunk.delta.length > 0),
    );
    // A chunk of the job lands while the Stop is being stored (here: the moment its commit is
    // reported), before the job has seen the done chunk.
    let late: Promise<void> | undefined;
    const onOutboxWrite = () => {
      late = replyStreams.append({ messageId: replyId, seq: 10_000, delta: ' and then a whale', done: false });
    };
    const cancelled = await cancelReply({ orm: harness.orm, replyStreams, now: () => new Date(), onOutboxWrite }, ADA, replyId);
    await late;
    expect(cancelled.status).toBe('COMPLETE');

    const { chunks } = await streaming;
    expect(chunks.at(-1)).toMatchObject({ done: true, message: { status: 'COMPLETE' } });
    expect(cancelled.content).toBe(textAfterLastReset(chunks));
    const stored = await readStoredChunks(replyStreams, replyId, 50);
    expect(stored.filter((chunk) => chunk.done)).toHaveLength(1);
    expect(stored.at(-1)?.done).toBe(true);
    expect(streamedText(stored)).toBe(cancelled.content);
    const { messages } = await rowsOf(harness, conversationId);
    expect(messages.at(-1)).toMatchObject({ id: replyId, status: 'COMPLETE', content: cancelled.content });
  });
});
