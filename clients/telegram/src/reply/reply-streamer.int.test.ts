import { autoRetry } from '@grammyjs/auto-retry';
import type { MiyuClient } from '@miyu/sdk/miyu-client';
import { type FakeTelegramServer, startFakeTelegram } from '@miyu/testing/fake-telegram/fake-telegram-server';
import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownToPlain } from '../format/markdown-v2.ts';
import type { DeliveryProgress } from '../state/update-journal.ts';
import { createChatThrottle } from './chat-throttle.ts';
import { createReplyStreamer } from './reply-streamer.ts';

/*
 * The streamer with real grammY against the fake Bot API (which parses MarkdownV2 as Telegram
 * does and refuses what Telegram refuses). The router's reply stream is played by a client that
 * yields the chunks a reply subscription yields; the e2e tests run it against the real router.
 */

type Chunk = { delta: string; reset?: boolean };

/** A MIYU client whose replyStream yields `chunks` (`gapMs` apart), then the done chunk with `content`. */
function streamingClient(chunks: Chunk[], content: string, gapMs = 0): MiyuClient {
  return {
    async *subscribe() {
      for (const chunk of chunks) {
        yield { replyStream: { delta: chunk.delta, reset: chunk.reset ?? false, done: false } };
        if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
      yield { replyStream: { delta: '', reset: false, done: true, message: { content } } };
    },
  } as unknown as MiyuClient;
}

const paragraph = (index: number) =>
  `Paragraph ${index}: ${'a thought about tea, written out at some length. '.repeat(9).trim()} **Bold ${index}**, and a stray dot.`;

describe('the reply streamer (real grammY, fake Bot API)', () => {
  let fake: FakeTelegramServer;
  let api: Api;
  let draftsUnsupported = 0;
  let streamReply: ReturnType<typeof createReplyStreamer>;
  let nextChat = 9_000;

  beforeAll(async () => {
    fake = await startFakeTelegram();
    api = new Api(fake.token, { apiRoot: fake.apiRoot });
    api.config.use(autoRetry({ maxRetryAttempts: 3 }));
    streamReply = createReplyStreamer({
      api,
      throttle: createChatThrottle({ intervalMs: 20 }),
      onDraftsUnsupported: () => {
        draftsUnsupported += 1;
      },
    });
  });
  afterAll(async () => {
    await fake?.close();
  });

  /** A private chat the person has written in (the fake knows a chat once someone writes there). */
  function newChat() {
    nextChat += 1;
    const chat = { id: nextChat, type: 'private' as const, first_name: 'Ada' };
    fake.userMessage({ chat, from: { id: nextChat, is_bot: false, first_name: 'Ada' }, text: 'hi' });
    return chat;
  }

  async function deliver(chatId: number, client: MiyuClient, options: { draftId?: number; progress?: DeliveryProgress } = {}) {
    const recorded: DeliveryProgress[] = [];
    const result = await streamReply({
      client,
      replyId: 'reply-1',
      chatId,
      ...(options.draftId ? { draftId: options.draftId } : {}),
      progress: options.progress ?? { messageIds: [], finalParts: 0 },
      recordProgress: (progress) => recorded.push(structuredClone(progress)),
      signal: new AbortController().signal,
    });
    return { ...result, recorded };
  }

  it('shows a long reply in drafts, then leaves it as MarkdownV2 messages of at most 4,096 characters cut between paragraphs', async () => {
    const chat = newChat();
    const content = Array.from({ length: 14 }, (_, i) => paragraph(i + 1)).join('\n\n');
    expect(content.length).toBeGreaterThan(4096 + 1000);
    const chunks = content.match(/[\s\S]{1,300}/gu)!.map((delta) => ({ delta }));
    const { parts } = await deliver(chat.id, streamingClient(chunks, content), { draftId: 1 });

    expect(parts).toBeGreaterThan(1);
    const messages = fake.botMessages(chat.id);
    expect(messages).toHaveLength(parts);
    expect(fake.drafts.filter((draft) => draft.chat_id === chat.id).length).toBeGreaterThan(0);
    expect(fake.chatActions).toContainEqual({ chat_id: chat.id, action: 'typing' });
    for (const message of messages) {
      expect(message.parse_mode).toBe('MarkdownV2');
      expect(message.text.length).toBeLessThanOrEqual(4096);
      // every part is whole paragraphs
      expect(message.text).toMatch(/^Paragraph \d+:[\s\S]*a stray dot\.$/u);
    }
    // nothing lost, nothing repeated: the parts put together are the reply as the person reads it
    expect(messages.map((m) => m.text).join('\n\n')).toBe(content.replace(/\*\*/gu, ''));
  });

  it('resends a part as plain text when Telegram refuses its MarkdownV2', async () => {
    const chat = newChat();
    const content = 'Here is *something* the parser will refuse.';
    fake.failNext('sendMessage', { error_code: 400, description: "Bad Request: can't parse entities: unexpected end" });
    await deliver(chat.id, streamingClient([], content));
    const [message] = fake.botMessages(chat.id);
    expect(message?.parse_mode).toBeUndefined();
    expect(message?.text).toBe(markdownToPlain(content));
    const sends = fake.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === chat.id);
    expect(sends.map((c) => c.params.parse_mode)).toEqual(['MarkdownV2', undefined]);
  });

  it('edits one message (no drafts) and treats "message is not modified" on a replay as done', async () => {
    const chat = newChat();
    const content = 'Green tea, then a walk. Sounds lovely!';
    const words = content.split(/(?<= )/u).map((delta) => ({ delta }));
    const first = await deliver(chat.id, streamingClient(words, content));
    const [message] = fake.botMessages(chat.id);
    expect(fake.botMessages(chat.id)).toHaveLength(1);
    expect(message?.parse_mode).toBe('MarkdownV2');
    expect(message?.text).toBe(content);
    expect(message?.edits).toBeGreaterThan(0);
    expect(first.recorded.at(-1)).toEqual({ messageIds: [message?.message_id], finalParts: 1 });

    // a restart after the final edit but before the update was marked finished: the same edit again
    const replay = await deliver(chat.id, streamingClient(words, content), {
      progress: { messageIds: [message!.message_id], finalParts: 0 },
    });
    expect(replay.parts).toBe(1);
    expect(fake.botMessages(chat.id)).toHaveLength(1);
    const lastEdit = fake.calls.filter((c) => c.method === 'editMessageText' && c.params.chat_id === chat.id).at(-1);
    expect(lastEdit?.params.parse_mode).toBe('MarkdownV2');
  });

  it('falls back to edited messages when sendMessageDraft is not offered', async () => {
    const chat = newChat();
    fake.setOfferDrafts(false);
    try {
      await deliver(chat.id, streamingClient([{ delta: 'Hello ' }, { delta: 'there.' }], 'Hello there.'), { draftId: 7 });
    } finally {
      fake.setOfferDrafts(true);
    }
    expect(draftsUnsupported).toBe(1);
    expect(fake.botMessages(chat.id).map((m) => m.text)).toEqual(['Hello there.']);
  });

  it('stops at a blocked chat (403) with the Bot API error, no preview failure left unhandled', async () => {
    const chat = newChat();
    fake.block(chat.id);
    const words = 'One two three four five six.'.split(/(?<= )/u).map((delta) => ({ delta }));
    // the words come slowly, so the refused preview happens while the stream is still going
    await expect(
      deliver(chat.id, streamingClient(words, 'One two three four five six.', 30), { draftId: 3 }),
    ).rejects.toMatchObject({
      error_code: 403,
    });
    expect(fake.botMessages(chat.id)).toEqual([]);
  });

  it('still delivers the final text when a preview is refused for another reason', async () => {
    const chat = newChat();
    fake.failNext('sendMessageDraft', { error_code: 400, description: 'Bad Request: draft is too old' });
    await deliver(chat.id, streamingClient([{ delta: 'Almost ' }, { delta: 'there.' }], 'Almost there.'), { draftId: 4 });
    expect(fake.botMessages(chat.id).map((m) => [m.text, m.parse_mode])).toEqual([['Almost there.', 'MarkdownV2']]);
  });
});
