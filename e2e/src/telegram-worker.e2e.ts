import { startFakeTelegram, type FakeTelegramServer } from '@miyu/testing/fake-telegram/fake-telegram-server';
import { TOO_MANY_REQUESTS } from '@miyu/testing/fake-telegram/fake-telegram-types';
import type { TelegramWorker } from '@miyu/telegram/telegram-worker';
import { until } from '@miyu/testing/until';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eStack, startE2eStack } from './stack.ts';
import { asTelegramUser, telegramWorkerFactory } from './telegram-harness.ts';

const ada = { id: 1001, is_bot: false, first_name: 'Ada', username: 'ada' };
const bob = { id: 1002, is_bot: false, first_name: 'Bob' };
const adaChat = { id: 1001, type: 'private' as const, first_name: 'Ada' };
const bobChat = { id: 1002, type: 'private' as const, first_name: 'Bob' };
const group = { id: -5001, type: 'supergroup' as const, title: 'Book club' };

/** Bot messages in a chat that are in their final form (the MarkdownV2 parts). */
const finals = (fake: FakeTelegramServer, chatId: number) =>
  fake.botMessages(chatId).filter((m) => m.parse_mode === 'MarkdownV2');

describe('the Telegram worker (real grammY against a fake Bot API, through the router)', () => {
  let stack: E2eStack;
  let fake: FakeTelegramServer;
  let factory: ReturnType<typeof telegramWorkerFactory>;
  let worker: TelegramWorker;

  beforeAll(async () => {
    [stack, fake] = await Promise.all([startE2eStack(), startFakeTelegram()]);
    factory = telegramWorkerFactory(stack, fake);
    worker = await factory.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await fake?.close();
    await stack?.close();
  });

  it('answers a first message, streams a reply, and remembers an earlier fact', async () => {
    expect(fake.commands().map((c) => c.command)).toEqual(expect.arrayContaining(['start', 'mode', 'memories', 'export']));
    fake.userMessage({ chat: adaChat, from: ada, text: 'Hi! By the way, my cat is called Miso.' });
    await until(
      async () => finals(fake, adaChat.id).length,
      (n) => n === 1,
      20_000,
    );
    expect(fake.chatActions).toContainEqual({ chat_id: adaChat.id, action: 'typing' });
    const memories = await until(
      () =>
        asTelegramUser<{ me: { memories: { nodes: { content: string }[] } } }>(
          stack,
          ada.id,
          '{ me { memories { nodes { content } } } }',
        ),
      (data) => data.me.memories.nodes.some((m) => m.content.includes('Miso')),
      20_000,
    );
    expect(memories.me.memories.nodes.map((m) => m.content)).toContain('My cat is called Miso');

    fake.userMessage({ chat: adaChat, from: ada, text: 'What is my cat called?' });
    const [, second] = await until(
      async () => finals(fake, adaChat.id),
      (list) => list.length === 2,
      20_000,
    );
    expect(second?.text).toContain('Miso');
    // in a private chat the reply streamed into a draft; the only messages are the final ones
    expect(fake.drafts.filter((d) => d.chat_id === adaChat.id).length).toBeGreaterThan(0);
    expect(fake.botMessages(adaChat.id)).toHaveLength(2);
    const stored = await asTelegramUser<{
      me: { conversations: { nodes: { title: string; messages: { nodes: { role: string; content: string }[] } }[] } };
    }>(stack, ada.id, '{ me { conversations { nodes { title messages { nodes { role content } } } } } }');
    const conversation = stored.me.conversations.nodes.find((c) => c.title === `Telegram chat ${adaChat.id}`);
    expect(
      conversation?.messages.nodes
        .filter((m) => m.role === 'ASSISTANT')
        .at(-1)
        ?.content.trim(),
    ).toBe(second?.text);
  });

  it('streams by editing one message when drafts are not offered, and rides out a 429 mid-way', async () => {
    fake.setOfferDrafts(false);
    fake.failNext('editMessageText', TOO_MANY_REQUESTS(1));
    fake.userMessage({ chat: bobChat, from: bob, text: 'Hello MIYU, tell me something nice.' });
    const [final] = await until(
      async () => finals(fake, bobChat.id),
      (list) => list.length === 1,
      20_000,
    );
    expect(fake.botMessages(bobChat.id)).toHaveLength(1);
    expect(final?.edits).toBeGreaterThan(0);
    const edits = fake.calls.filter((c) => c.method === 'editMessageText' && c.params.chat_id === bobChat.id);
    expect(edits.length).toBeGreaterThan(1); // the refused one was retried
    const metrics = await (await fetch(`${worker.opsUrl()}/metrics`)).text();
    expect(metrics).toMatch(/telegram_bot_api_errors_total\{[^}]*method="editMessageText"[^}]*code="429"[^}]*\} 1/u);
  });

  it('finishes a reply after a restart mid-reply without answering twice', async () => {
    const held = fake.holdNext('editMessageText');
    const messageId = fake.userMessage({ chat: bobChat, from: bob, text: 'Please remember that I like green tea.' });
    await held.arrived; // the streamed message is out, its final edit is in flight
    const stopped = worker.stop();
    held.fail({ error_code: 400, description: 'Bad Request: message to edit not found' });
    await stopped;
    worker = await factory.start();
    const list = await until(
      async () => finals(fake, bobChat.id),
      (l) => l.length === 2,
      20_000,
    );
    const answers = fake.botMessages(bobChat.id).slice(1);
    expect(answers).toHaveLength(1);
    expect(list[1]?.message_id).toBe(answers[0]?.message_id);
    const stored = await asTelegramUser<{ me: { conversations: { nodes: { messages: { nodes: { role: string }[] } }[] } } }>(
      stack,
      bob.id,
      '{ me { conversations { nodes { messages { nodes { role } } } } } }',
    );
    expect(stored.me.conversations.nodes[0]?.messages.nodes.filter((m) => m.role === 'ASSISTANT')).toHaveLength(2);
    expect(messageId).toBeGreaterThan(0);
  });

  it('stays quiet in a group until mentioned or replied to', async () => {
    fake.userMessage({ chat: group, from: ada, text: 'Has anyone finished the book?' });
    const mention = `@${fake.bot.username}`;
    const asked = fake.userMessage({
      chat: group,
      from: bob,
      text: `${mention} what do you think?`,
      entities: [{ type: 'mention', offset: 0, length: mention.length }],
    });
    const [answer] = await until(
      async () => finals(fake, group.id),
      (l) => l.length === 1,
      20_000,
    );
    expect(answer?.reply_to_message?.message_id).toBe(asked);
    // the first message was handled before the mention (per-chat order) and stored nowhere
    const adaGroup = await asTelegramUser<{ me: { conversations: { nodes: { title: string }[] } } }>(
      stack,
      ada.id,
      '{ me { conversations { nodes { title } } } }',
    );
    expect(adaGroup.me.conversations.nodes.map((c) => c.title)).not.toContain(`Telegram chat ${group.id}`);
    fake.userMessage({ chat: group, from: ada, text: 'Do you agree?', replyTo: answer!.message_id });
    await until(
      async () => finals(fake, group.id),
      (l) => l.length === 2,
      20_000,
    );
    expect(fake.botMessages(group.id)).toHaveLength(2);
  });

  it('runs commands and callback buttons, and answers what it cannot read kindly', async () => {
    fake.userMessage({ chat: adaChat, from: ada, text: '/mode' });
    const modeMenu = await until(
      async () => fake.botMessages(adaChat.id).at(-1),
      (m) => Boolean(m?.reply_markup),
      10_000,
    );
    const buttons = modeMenu!.reply_markup!.inline_keyboard.flat().map((b) => b.callback_data);
    expect(buttons).toContain('mode:PLAYFUL');
    const pressed = fake.pressButton({ chat: adaChat, from: ada, messageId: modeMenu!.message_id, data: 'mode:PLAYFUL' });
    expect(await until(async () => fake.callbackAnswer(pressed), Boolean, 10_000)).toBe('Mode: Playful');
    const mode = await asTelegramUser<{ me: { companion: { mode: string } } }>(stack, ada.id, '{ me { companion { mode } } }');
    expect(mode.me.companion.mode).toBe('PLAYFUL');

    const before = fake.botMessages(adaChat.id).length;
    fake.userMessage({ chat: adaChat, from: ada, text: '/memories' });
    const list = await until(
      async () => fake.botMessages(adaChat.id),
      (l) => l.length > before,
      10_000,
    );
    const memoriesMessage = list.at(-1)!;
    expect(memoriesMessage.text).toContain('My cat is called Miso');
    const shown = memoriesMessage.reply_markup!.inline_keyboard.length;
    const forget = memoriesMessage.reply_markup!.inline_keyboard.flat()[0]!;
    const forgetPress = fake.pressButton({
      chat: adaChat,
      from: ada,
      messageId: memoriesMessage.message_id,
      data: forget.callback_data!,
    });
    expect(await until(async () => fake.callbackAnswer(forgetPress), Boolean, 10_000)).toBe('Forgotten.');
    const left = await asTelegramUser<{ me: { memories: { nodes: { id: string }[] } } }>(
      stack,
      ada.id,
      '{ me { memories { nodes { id } } } }',
    );
    expect(left.me.memories.nodes.map((m) => `forget:${m.id}`)).not.toContain(forget.callback_data);
    expect(shown).toBeGreaterThan(0);

    fake.userMessage({ chat: adaChat, from: ada, text: '/export' });
    const exported = await until(
      async () => fake.botMessages(adaChat.id).at(-1),
      (m) => Boolean(m?.file),
      10_000,
    );
    expect(JSON.parse(exported!.file!.content)).toMatchObject({ memories: expect.any(Array) });

    fake.userMessage({ chat: adaChat, from: ada, photo: true });
    await until(
      async () => fake.botMessages(adaChat.id).at(-1)?.text ?? '',
      (t) => /only read text/u.test(t),
      10_000,
    );
    fake.userMessage({ chat: adaChat, from: ada, text: '/start' });
    const greeting = await until(
      async () => fake.botMessages(adaChat.id).at(-1)?.text ?? '',
      (t) => !/only read text/u.test(t),
      10_000,
    );
    expect(greeting.length).toBeGreaterThan(0);

    fake.block(bobChat.id);
    fake.userMessage({ chat: bobChat, from: bob, text: 'Are you there?' });
    fake.userMessage({ chat: adaChat, from: ada, text: '/help' });
    await until(
      async () => fake.botMessages(adaChat.id).at(-1)?.text ?? '',
      (t) => t.includes('/memories'),
      10_000,
    );
  });
});
