import { type FakeOpenAiMode, FAKE_OPENAI_MODES } from '@miyu/testing/fake-openai/fake-openai-behavior';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageEntity } from '../message/message.entity.ts';
import { send, streamOf, textAfterLastReset } from '../../reply-test-support.ts';
import { type ConversationHarness, seeder, startConversationHarness, testLlm } from '../../conversation-test-support.ts';

const ADA = '00000000-0000-4000-8000-0000000000a3';
// Modes in which the fake streams part of the reply before failing: the client must be told to reset.
const PARTIAL: FakeOpenAiMode[] = ['stallMidStream', 'garbageChunk', 'noFinishReason'];

describe('reply pipeline through the openai SDK against the fake server', () => {
  let fake: FakeOpenAiServer;
  let harness: ConversationHarness;
  let seed: ReturnType<typeof seeder>;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ behavior: { chunkDelayMs: 5 } });
    harness = await startConversationHarness({ llm: testLlm({ apiKey: 'test', baseURL: fake.url, model: 'fake-model' }) });
    seed = seeder(harness);
  });
  afterAll(async () => {
    await harness?.close();
    await fake?.close();
  });

  async function replyTo(content: string) {
    const conversationId = await seed.conversation(ADA);
    const sent = (await send(harness, ADA, { conversationId, content })).data?.sendMessage ?? expect.fail('no payload');
    const { chunks, errors } = await streamOf(harness, harness.asUser(ADA), sent.reply.id);
    expect(errors).toBeUndefined();
    const user = await harness.orm.em.fork().findOneOrFail(MessageEntity, { id: sent.message.id });
    expect(user).toMatchObject({ status: 'COMPLETE', content });
    return { chunks, final: chunks.at(-1)?.message ?? expect.fail('no final message') };
  }

  it('streams the reply from the model with the system prompt and history', async () => {
    const requestsBefore = fake.requests.length;
    const { chunks, final } = await replyTo('how is the weather?');
    expect(final).toMatchObject({ status: 'COMPLETE', model: 'fake-model', content: 'You said: how is the weather?' });
    expect(textAfterLastReset(chunks)).toBe(final.content);
    expect(chunks.some((chunk) => chunk.reset)).toBe(false);
    const request = fake.requests[requestsBefore] as {
      model: string;
      stream: boolean;
      messages: { role: string; content: string }[];
    };
    expect(request).toMatchObject({ model: 'fake-model', stream: true });
    expect(request.messages[0]?.role).toBe('system');
    expect(request.messages[0]?.content).toContain('You are Miyu');
    expect(request.messages.at(-1)).toEqual({ role: 'user', content: 'how is the weather?' });
  });

  for (const mode of FAKE_OPENAI_MODES.filter((mode) => mode !== 'ok')) {
    it(`falls back to the offline model on ${mode}, never hanging`, async () => {
      fake.failNext(1, mode);
      const { chunks, final } = await replyTo(`testing ${mode} now`);
      expect(final).toMatchObject({ status: 'COMPLETE', model: 'miyu-offline-1' });
      expect(final.content).not.toContain('You said');
      expect(textAfterLastReset(chunks)).toBe(final.content);
      expect(chunks.map((chunk) => chunk.seq)).toEqual(chunks.map((_, i) => i));
      const resetAt = chunks.findIndex((chunk) => chunk.reset);
      if (PARTIAL.includes(mode)) {
        expect(resetAt).toBeGreaterThan(0);
        expect(
          chunks
            .slice(0, resetAt)
            .map((chunk) => chunk.delta)
            .join(''),
        ).toMatch(/^You said/);
      } else {
        expect(resetAt).toBe(-1);
      }
    });
  }
});
