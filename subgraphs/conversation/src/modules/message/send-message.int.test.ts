import type { Principal } from '@miyu/auth/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageEntity } from './message.entity.ts';
import { OutboxEventEntity } from '../outbox/outbox.entity.ts';
import { rowsOf, send, streamOf } from '../../reply-test-support.ts';
import { type ConversationHarness, seeder, startConversationHarness } from '../../conversation-test-support.ts';

const ADA = '00000000-0000-4000-8000-0000000000a2';
const BOB = '00000000-0000-4000-8000-0000000000b2';

describe('sendMessage', () => {
  let harness: ConversationHarness;
  let seed: ReturnType<typeof seeder>;
  beforeAll(async () => {
    harness = await startConversationHarness();
    seed = seeder(harness);
  });
  afterAll(() => harness?.close());

  const messageCount = async (conversationId: string) => (await rowsOf(harness, conversationId)).messages.length;

  it('is idempotent on clientMessageId: a repeat returns the same pair and writes nothing', async () => {
    const conversationId = await seed.conversation(ADA);
    const input = { conversationId, content: 'once only', clientMessageId: 'client-1' };
    const first = (await send(harness, ADA, input)).data?.sendMessage ?? expect.fail('no payload');
    const replyId = first.reply.id;
    await streamOf(harness, harness.asUser(ADA), replyId);
    const again = await send(harness, ADA, { ...input, content: 'a different text is ignored' });
    expect(again.errors).toBeUndefined();
    expect(again.data?.sendMessage.message.id).toBe(first.message.id);
    expect(again.data?.sendMessage.reply).toMatchObject({ id: replyId, status: 'COMPLETE', model: 'miyu-offline-1' });
    const { messages, outbox } = await rowsOf(harness, conversationId);
    expect(messages).toHaveLength(2);
    expect(outbox.filter((row) => row.type === 'message.created')).toHaveLength(1);
    // The key is per conversation: another conversation may reuse it.
    const other = await seed.conversation(ADA);
    const elsewhere = await send(harness, ADA, { ...input, conversationId: other });
    expect(elsewhere.data?.sendMessage.message.id).not.toBe(first.message.id);
  });

  it('answers two concurrent submits with the same key with one pair', async () => {
    const conversationId = await seed.conversation(ADA);
    const input = { conversationId, content: 'double click', clientMessageId: 'dbl' };
    const results = await Promise.all([send(harness, ADA, input), send(harness, ADA, input), send(harness, ADA, input)]);
    for (const result of results) expect(result.errors).toBeUndefined();
    const ids = new Set(results.map((result) => `${result.data?.sendMessage.message.id}/${result.data?.sendMessage.reply.id}`));
    expect(ids.size).toBe(1);
    const { messages, outbox } = await rowsOf(harness, conversationId);
    expect(messages).toHaveLength(2);
    expect(outbox.filter((row) => row.type === 'message.created')).toHaveLength(1);
  });

  it('validates content and clientMessageId with BAD_USER_INPUT and writes nothing', async () => {
    const conversationId = await seed.conversation(ADA);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ content: '   ' }, /content/],
      [{ content: 'x'.repeat(4001) }, /content/],
      [{ content: 'ok', clientMessageId: 'k'.repeat(101) }, /clientMessageId/],
    ];
    for (const [patch, field] of cases) {
      const response = await send(harness, ADA, { conversationId, ...patch });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response.errors?.[0])).toMatch(field);
    }
    const longest = await send(harness, ADA, {
      conversationId,
      content: ` ${'y'.repeat(4000)} `,
      clientMessageId: 'k'.repeat(100),
    });
    expect(longest.data?.sendMessage.message.content).toHaveLength(4000);
    expect(await messageCount(conversationId)).toBe(2);
  });

  it("answers NOT_FOUND for another user's, a missing or a malformed conversation and changes nothing", async () => {
    const conversationId = await seed.conversation(ADA);
    for (const id of [conversationId, '00000000-0000-4000-8000-000000000999', 'not-an-id']) {
      const response = await send(harness, BOB, { conversationId: id, content: 'let me in', clientMessageId: 'x' });
      expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(response.errors?.[0]?.message).toBe('Conversation not found.');
    }
    const { messages, outbox } = await rowsOf(harness, conversationId);
    expect(messages).toEqual([]);
    expect(outbox.map((row) => row.type)).toEqual(['conversation.started']);
    expect(await harness.orm.em.fork().count(MessageEntity, { userId: BOB })).toBe(0);
    const rows = await harness.orm.em.fork().find(OutboxEventEntity, {});
    expect(rows.filter((row) => row.payload.userId === BOB && row.type !== 'conversation.started')).toEqual([]);
  });

  it('requires a signed-in user (UNAUTHENTICATED) with conversations:write (FORBIDDEN)', async () => {
    const conversationId = await seed.conversation(ADA);
    const readOnly: Principal = { kind: 'apiKey', userId: ADA, keyId: 'k', scopes: ['conversations:read'] };
    const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { message { id } } }`;
    const cases: Array<[Principal, string]> = [
      [readOnly, 'FORBIDDEN'],
      [{ kind: 'anonymous' }, 'UNAUTHENTICATED'],
    ];
    for (const [principal, code] of cases) {
      const response = await harness.request(principal, SEND, { input: { conversationId, content: 'hi' } });
      expect(response.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(await messageCount(conversationId)).toBe(0);
  });

  it('records conversation.started for startConversation', async () => {
    const conversationId = await seed.conversation(BOB, 'Trip');
    const { outbox } = await rowsOf(harness, conversationId);
    expect(outbox.map((row) => [row.type, row.payload])).toEqual([
      ['conversation.started', { userId: BOB, conversationId, platform: 'WEB', title: 'Trip' }],
    ]);
  });

  it('orders the reply after its message and answers formattedParts for user messages', async () => {
    const conversationId = await seed.conversation(ADA);
    const sent = (await send(harness, ADA, { conversationId, content: 'order check' })).data?.sendMessage;
    const rows = (await rowsOf(harness, conversationId)).messages;
    expect(rows.map((row) => row.id)).toEqual([sent?.message.id, sent?.reply.id]);
    expect((rows[1]?.createdAt.getTime() ?? 0) > (rows[0]?.createdAt.getTime() ?? 0)).toBe(true);
    const read = await harness.request(
      harness.asUser(ADA),
      `query($id: ID!) { conversation(id: $id) { messages { nodes { role formattedParts } } } }`,
      {
        id: conversationId,
      },
    );
    expect((read.data as { conversation: { messages: { nodes: unknown[] } } }).conversation.messages.nodes[0]).toEqual({
      role: 'USER',
      formattedParts: ['order check'],
    });
  });
});
