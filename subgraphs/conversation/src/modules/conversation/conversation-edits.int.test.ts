import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, rowsOf, send, streamOf, textAfterLastReset } from '../../reply-test-support.ts';
import { type ConversationHarness, seeder, startConversationHarness } from '../../conversation-test-support.ts';

const ADA = '00000000-0000-4000-8000-0000000000c1';
const BOB = '00000000-0000-4000-8000-0000000000c2';
const RENAME = 'mutation($input: RenameConversationInput!) { renameConversation(input: $input) { id title } }';
const DELETE = 'mutation($id: ID!) { deleteConversation(id: $id) }';
const REGENERATE = 'mutation($id: ID!) { regenerateReply(messageId: $id) { id role status replyTo { id } } }';

describe('conversation edits and regenerated replies', () => {
  let harness: ConversationHarness;
  let seed: ReturnType<typeof seeder>;
  beforeAll(async () => {
    // no relay polling: a seeded PENDING reply stays pending (sendMessage still starts its job directly)
    harness = await startConversationHarness({ outboxPollMs: 3_600_000 });
    seed = seeder(harness);
  });
  afterAll(() => harness?.close());

  it('renames and deletes only the caller’s conversations', async () => {
    const id = await seed.conversation(ADA, 'Old');
    await seed.messages(ADA, id, ['hello']);
    const foreign = await harness.request(harness.asUser(BOB), RENAME, { input: { id, title: 'Mine now' } });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const renamed = await harness.request(harness.asUser(ADA), RENAME, { input: { id, title: '  Plans  ' } });
    expect(renamed.data).toEqual({ renameConversation: { id, title: 'Plans' } });
    expect((await harness.request(harness.asUser(BOB), DELETE, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await harness.request(harness.asUser(ADA), DELETE, { id })).data).toEqual({ deleteConversation: true });
    expect((await rowsOf(harness, id)).messages).toEqual([]);
    expect((await harness.request(harness.asUser(ADA), DELETE, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('replaces the last reply with a new one that streams to completion', async () => {
    const conversationId = await seed.conversation(ADA);
    const sent = await send(harness, ADA, { conversationId, content: 'tell me something' });
    const first = sent.data!.sendMessage;
    await streamOf(harness, harness.asUser(ADA), first.reply.id);
    await eventually(
      () => rowsOf(harness, conversationId),
      (rows) => rows.messages.at(-1)?.status === 'COMPLETE',
    );
    expect((await harness.request(harness.asUser(BOB), REGENERATE, { id: first.reply.id })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    const regenerated = await harness.request<{ regenerateReply: { id: string; status: string; replyTo: { id: string } } }>(
      harness.asUser(ADA),
      REGENERATE,
      { id: first.reply.id },
    );
    expect(regenerated.errors).toBeUndefined();
    const reply = regenerated.data!.regenerateReply;
    expect(reply).toMatchObject({ status: 'PENDING', replyTo: { id: first.message.id } });
    expect(reply.id).not.toBe(first.reply.id);
    const { chunks } = await streamOf(harness, harness.asUser(ADA), reply.id);
    expect(chunks.at(-1)).toMatchObject({ done: true, message: { status: 'COMPLETE' } });
    expect(textAfterLastReset(chunks)).toBe(chunks.at(-1)?.message?.content);
    const { messages } = await rowsOf(harness, conversationId);
    expect(messages.map((row) => row.id)).toEqual([first.message.id, reply.id]);

    const next = (await send(harness, ADA, { conversationId, content: 'and another thing' })).data!.sendMessage;
    await streamOf(harness, harness.asUser(ADA), next.reply.id);
    const notLast = await harness.request(harness.asUser(ADA), REGENERATE, { id: reply.id });
    expect(notLast.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses a reply still being written, and a message that is not a reply', async () => {
    const conversationId = await seed.conversation(ADA);
    const [question] = await seed.messages(ADA, conversationId, ['a question']);
    expect((await harness.request(harness.asUser(ADA), REGENERATE, { id: question })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    const pending = await seed.pendingReply(ADA, conversationId, 'still thinking?');
    const busy = await harness.request(harness.asUser(ADA), REGENERATE, { id: pending.reply });
    expect(busy.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
