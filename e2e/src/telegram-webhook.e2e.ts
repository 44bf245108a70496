import { once } from 'node:events';
import { createServer } from 'node:net';
import { startFakeTelegram, type FakeTelegramServer } from '@miyu/testing/fake-telegram/fake-telegram-server';
import type { TelegramWorker } from '@miyu/telegram/telegram-worker';
import { until } from '@miyu/testing/until';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eStack, startE2eStack } from './stack.ts';
import { telegramWorkerFactory } from './telegram-harness.ts';

const mia = { id: 2001, is_bot: false, first_name: 'Mia' };
const miaChat = { id: 2001, type: 'private' as const, first_name: 'Mia' };
const SECRET = 'webhook_secret-0123456789abcdef';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

const finals = (fake: FakeTelegramServer, chatId: number) =>
  fake.botMessages(chatId).filter((m) => m.parse_mode === 'MarkdownV2');

describe('the Telegram worker on webhooks (TELEGRAM_MODE=webhook, real grammY, fake Bot API)', () => {
  let stack: E2eStack;
  let fake: FakeTelegramServer;
  let factory: ReturnType<typeof telegramWorkerFactory>;
  let worker: TelegramWorker | undefined;
  let port: number;
  let url: string;

  beforeAll(async () => {
    [stack, fake, port] = await Promise.all([startE2eStack(), startFakeTelegram(), freePort()]);
    url = `http://127.0.0.1:${port}/telegram/webhook`;
    factory = telegramWorkerFactory(stack, fake);
    worker = await factory.start({ webhook: { url, secret: SECRET }, port });
  });
  afterAll(async () => {
    await worker?.stop();
    await fake?.close();
    await stack?.close();
  });

  it('registers its webhook with the secret on start, and gets no updates by getUpdates', () => {
    expect(fake.webhook()).toEqual({ url, secret: SECRET });
    expect(fake.calls.some((call) => call.method === 'getUpdates')).toBe(false);
  });

  it('answers a message Telegram posts to the webhook', async () => {
    fake.userMessage({ chat: miaChat, from: mia, text: 'Hello over a webhook! My favourite colour is teal.' });
    const replies = await until(
      async () => finals(fake, miaChat.id),
      (found) => found.length > 0,
      30_000,
    );
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text.length).toBeGreaterThan(0);
  });

  it('refuses a call without the secret or with a wrong one (401) and handles nothing from it', async () => {
    const [delivered] = fake.deliveredIds();
    const before = fake.calls.length;
    expect(await fake.redeliver(delivered!, 'wrong-secret')).toBe(401);
    const noHeader = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ update_id: 999, message: { message_id: 1, date: 0, chat: miaChat, from: mia, text: 'forged' } }),
    });
    expect(noHeader.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.calls.slice(before)).toEqual([]);
  });

  it('answers an update Telegram sends again exactly once, also after a restart', async () => {
    fake.userMessage({ chat: miaChat, from: mia, text: 'What is my favourite colour?' });
    await until(
      async () => finals(fake, miaChat.id).length,
      (count) => count >= 2,
      30_000,
    );
    const retried = fake.deliveredIds().at(-1)!;
    // Telegram did not see our 200 and retries, twice
    expect(await fake.redeliver(retried)).toBe(200);
    expect(await fake.redeliver(retried)).toBe(200);
    await worker!.stop();
    worker = await factory.start({ webhook: { url, secret: SECRET }, port });
    expect(await fake.redeliver(retried)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(finals(fake, miaChat.id)).toHaveLength(2);
    const metrics = await (await fetch(`${worker.opsUrl()}/metrics`)).text();
    expect(metrics).toMatch(/telegram_updates_total/u);
  });
});
