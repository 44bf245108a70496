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
    const pollsBefore = fake.calls.filter((c) => c.method === 'getUpdates');
    const confirmed = Number(pollsBefore.at(-1)?.params.offset ?? 0);
    const callsBefore = fake.calls.length;
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
    // the confirmed offset survived the restart: the new run's first poll goes on from it
    const firstPollAfter = fake.calls.slice(callsBefore).find((c) => c.method === 'getUpdates');
    expect(confirmed).toBeGreaterThan(1);
    expect(Number(firstPollAfter?.params.offset)).toBeGreaterThanOrEqual(confirmed);
    expect(fake.unconfirmedUpdates()).toBe(0);
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
    // a bare mention has nothing to answer: a kind word, quoting it
    const bare = fake.userMessage({
      chat: group,
      from: bob,
      text: mention,
      entities: [{ type: 'mention', offset: 0, length: mention.length }],
    });
    const kind = await until(
      async () => fake.botMessages(group.id),
      (l) => l.length === 3,
      10_000,
    );
    expect(kind.at(-1)?.text).toMatch(/looks empty/u);
    expect(kind.at(-1)?.reply_to_message?.message_id).toBe(bare);
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

    // /quests: accept "Say hello", write, and claim it with its button
    const questsMenu = async () => {
      const count = fake.botMessages(adaChat.id).length;
      fake.userMessage({ chat: adaChat, from: ada, text: '/quests' });
      const isMenu = (m: { text: string }) => m.text.startsWith('Level ');
      const list = await until(
        async () => fake.botMessages(adaChat.id).slice(count),
        (l) => l.some(isMenu),
        20_000,
      );
      return list.find(isMenu)!;
    };
    const buttonsOf = (m: { reply_markup?: { inline_keyboard: { callback_data?: string }[][] } }) =>
      m.reply_markup?.inline_keyboard.flat().map((b) => b.callback_data) ?? [];
    const quests = await questsMenu();
    expect(quests.text).toMatch(/Level \d+/u);
    expect(buttonsOf(quests)).toContain('accept:say-hello');
    const accept = fake.pressButton({ chat: adaChat, from: ada, messageId: quests.message_id, data: 'accept:say-hello' });
    expect(await until(async () => fake.callbackAnswer(accept), Boolean, 10_000)).toBe('Say hello: Active');
    const answered = finals(fake, adaChat.id).length;
    fake.userMessage({ chat: adaChat, from: ada, text: 'Hello again!' });
    await until(
      async () => finals(fake, adaChat.id).length,
      (n) => n > answered,
      20_000,
    );
    let claimable = quests;
    for (let attempt = 0; attempt < 20 && !buttonsOf(claimable).includes('claim:say-hello'); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      claimable = await questsMenu();
    }
    expect(buttonsOf(claimable)).toContain('claim:say-hello');
    const claim = fake.pressButton({ chat: adaChat, from: ada, messageId: claimable.message_id, data: 'claim:say-hello' });
    expect(await until(async () => fake.callbackAnswer(claim), Boolean, 10_000)).toBe('Say hello: Claimed');
    expect(fake.botMessages(adaChat.id).find((m) => m.message_id === claimable.message_id)?.text).toMatch(/Say hello — Claimed/u);

    const before = fake.botMessages(adaChat.id).length;
    fake.userMessage({ chat: adaChat, from: ada, text: '/memories' });
    const isMemories = (m: { text: string }) => m.text.startsWith('What I remember');
    const list = await until(
      async () => fake.botMessages(adaChat.id).slice(before),
      (l) => l.some(isMemories),
      20_000,
    );
    const memoriesMessage = list.find(isMemories)!;
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
    expect(
      await until(
        async () => fake.botMessages(adaChat.id).at(-1)?.text ?? '',
        (t) => /only read text/u.test(t),
        10_000,
      ),
    ).toMatch(/only read text/u);
    fake.userMessage({ chat: adaChat, from: ada, text: '/start' });
    const greeting = await until(
      async () => fake.botMessages(adaChat.id).at(-1)?.text ?? '',
      (t) => !/only read text/u.test(t),
      10_000,
    );
    expect(greeting.length).toBeGreaterThan(0);

    // a sticker, an edited message and another bot's message: a kind answer, the same, and silence
    const beforeSticker = fake.botMessages(adaChat.id).length;
    fake.userMessage({ chat: adaChat, from: ada, sticker: true });
    const stickerAnswer = await until(
      async () => fake.botMessages(adaChat.id),
      (l) => l.length > beforeSticker,
      10_000,
    );
    expect(stickerAnswer.at(-1)?.text).toMatch(/only read text/u);
    fake.editUserMessage({ chat: adaChat, from: ada, messageId: 1, text: 'Hi! My cat is called Tofu.' });
    expect(
      await until(
        async () => fake.botMessages(adaChat.id).at(-1)?.text ?? '',
        (t) => /edited a message/u.test(t),
        10_000,
      ),
    ).toMatch(/edited a message/u);
    const beforeBot = fake.botMessages(adaChat.id).length;
    fake.userMessage({
      chat: adaChat,
      from: { id: 4242, is_bot: true, first_name: 'Spam', username: 'spam_bot' },
      text: 'buy now',
    });

    fake.block(bobChat.id);
    fake.userMessage({ chat: bobChat, from: bob, text: 'Are you there?' });
    fake.userMessage({ chat: adaChat, from: ada, text: '/help' });
    await until(
      async () => fake.botMessages(adaChat.id).at(-1)?.text ?? '',
      (t) => t.includes('/memories'),
      10_000,
    );
    // the bot's message got nothing: the only new message is /help's answer
    expect(fake.botMessages(adaChat.id)).toHaveLength(beforeBot + 1);

    // health and metrics: updates by kind, replies by outcome (the blocked chat's too), latency
    expect((await fetch(`${worker.opsUrl()}/healthz`)).status).toBe(200);
    expect((await fetch(`${worker.opsUrl()}/readyz`)).status).toBe(200);
    const metrics = await until(
      async () => (await fetch(`${worker.opsUrl()}/metrics`)).text(),
      (text) => /telegram_replies_total\{[^}]*outcome="unreachable"[^}]*\} [1-9]/u.test(text),
      10_000,
    );
    expect(metrics).toMatch(/telegram_replies_total\{[^}]*outcome="unreachable"[^}]*\} [1-9]/u);
    expect(metrics).toMatch(/telegram_replies_total\{[^}]*outcome="sent"[^}]*\} [1-9]/u);
    expect(metrics).toMatch(/telegram_updates_total\{[^}]*kind="text"[^}]*\} [1-9]/u);
    expect(metrics).toMatch(/telegram_updates_total\{[^}]*kind="callback"[^}]*\} [1-9]/u);
    expect(metrics).toMatch(/telegram_updates_total\{[^}]*kind="ignored"[^}]*\} [1-9]/u);
    expect(metrics).toMatch(/telegram_bot_api_errors_total\{[^}]*method="sendMessage"[^}]*code="403"[^}]*\} [1-9]/u);
    expect(metrics).toMatch(/telegram_reply_seconds_count\{[^}]*phase="first_visible"[^}]*\} [1-9]/u);
    expect(metrics).toMatch(/telegram_reply_seconds_count\{[^}]*phase="final"[^}]*\} [1-9]/u);

    // more than MIYU reads at once (but within Telegram's 4,096): her refusal in words
    const beforeLong = fake.botMessages(adaChat.id).length;
    fake.userMessage({ chat: adaChat, from: ada, text: 'tea '.repeat(1_010) });
    const long = await until(
      async () => fake.botMessages(adaChat.id),
      (l) => l.length > beforeLong,
      10_000,
    );
    expect(long.at(-1)?.text).toMatch(/a little long/u);

    // /persona, /new and /forget (declined)
    const lastText = async (pattern: RegExp) =>
      until(
        async () => fake.botMessages(adaChat.id).at(-1),
        (m) => pattern.test(m?.text ?? ''),
        10_000,
      );
    fake.userMessage({ chat: adaChat, from: ada, text: '/persona' });
    const personaMenu = await lastText(/Who should I be/u);
    const personaButton = personaMenu?.reply_markup?.inline_keyboard.flat()[0]?.callback_data;
    expect(personaButton).toMatch(/^persona:/u);
    const chose = fake.pressButton({ chat: adaChat, from: ada, messageId: personaMenu!.message_id, data: personaButton! });
    expect(await until(async () => fake.callbackAnswer(chose), Boolean, 10_000)).toMatch(/^Persona: /u);
    fake.userMessage({ chat: adaChat, from: ada, text: '/new' });
    expect((await lastText(/Fresh start/u))?.text).toMatch(/Fresh start/u);
    const countMemories = async () =>
      (await asTelegramUser<{ me: { memories: { totalCount: number } } }>(stack, ada.id, '{ me { memories { totalCount } } }')).me
        .memories.totalCount;
    const remembered = await countMemories();
    fake.userMessage({ chat: adaChat, from: ada, text: '/forget' });
    const forgetMenu = await lastText(/forget everything/u);
    const keep = fake.pressButton({ chat: adaChat, from: ada, messageId: forgetMenu!.message_id, data: 'forgetall:no' });
    expect(await until(async () => fake.callbackAnswer(keep), Boolean, 10_000)).toBe('Kept.');
    expect(await countMemories()).toBe(remembered);
    expect(fake.botMessages(adaChat.id).at(-1)?.text).toBe('Alright, I keep my memories of you.');
  });
});
