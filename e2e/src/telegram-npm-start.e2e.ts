import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';
import { type FakeTelegramServer, startFakeTelegram } from '@miyu/testing/fake-telegram/fake-telegram-server';
import { inheritedEnvironment } from '@miyu/testing/env';
import { until } from '@miyu/testing/until';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REPLY = 'Hello Lin, lovely to meet you on Telegram.';
const lin = { id: 4242, is_bot: false, first_name: 'Lin' };
const linChat = { id: 4242, type: 'private' as const, first_name: 'Lin' };

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

// `npm start` is `exec node packages/embedded/src/main.ts`: this runs exactly that file, with only
// TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT added, and talks to it as a Telegram user would.
describe('npm start with TELEGRAM_BOT_TOKEN runs the Telegram worker in the same process', () => {
  let openai: FakeOpenAiServer;
  let telegram: FakeTelegramServer;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    [openai, telegram] = await Promise.all([startFakeOpenAiServer(), startFakeTelegram()]);
    openai.setBehavior({ replyText: REPLY });
    const port = await freePort();
    child = spawn(process.execPath, ['packages/embedded/src/main.ts'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...inheritedEnvironment(),
        DATABASE_URL: '',
        REDIS_URL: '',
        SERVICE_CREDENTIALS: '',
        PORT: String(port),
        MIYU_DATA_DIR: mkdtempSync(join(tmpdir(), 'miyu-telegram-start-')),
        LOG_LEVEL: 'warn',
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: openai.url,
        OPENAI_MODEL: 'fake-gpt',
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_PORT: '0',
      },
    });
    child.stdout?.on('data', (data) => {
      output += data;
    });
    child.stderr?.on('data', (data) => {
      output += data;
    });
    const ready = await until(
      async () => output,
      (text) => /MIYU is ready/u.test(text) || child?.exitCode !== null,
      120_000,
    );
    if (!/MIYU is ready/u.test(ready)) throw new Error(`npm start did not become ready:\n${output}`);
  }, 150_000);
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await telegram?.close();
    await openai?.close();
  });

  it('says so in its start-up lines, answers a Telegram message, and stops cleanly on SIGTERM', async () => {
    expect(output).toMatch(/telegram\s+@miyu_test_bot \(long polling; health and metrics on http:\/\/127\.0\.0\.1:\d+\)/u);
    const health = output.match(/health and metrics on (http:\/\/127\.0\.0\.1:\d+)/u)![1]!;
    expect((await fetch(`${health}/readyz`)).status).toBe(200);
    expect(telegram.commands().map((c) => c.command)).toContain('start');

    telegram.userMessage({ chat: linChat, from: lin, text: 'Hi MIYU, I am Lin.' });
    const finals = await until(
      async () => telegram.botMessages(linChat.id).filter((m) => m.text === REPLY),
      (found) => found.length > 0,
      60_000,
    );
    expect(finals, output).toHaveLength(1);
    expect(openai.requests.length).toBeGreaterThan(0);
    const metrics = await (await fetch(`${health}/metrics`)).text();
    expect(metrics).toMatch(/telegram_replies_total\{[^}]*outcome="sent"[^}]*\} 1/u);

    child!.kill('SIGTERM');
    const [code] = (await once(child!, 'exit')) as [number | null];
    expect(code, output).toBe(0);
    // the worker stopped before the router: it was not left polling
    const polls = telegram.calls.filter((c) => c.method === 'getUpdates').length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(telegram.calls.filter((c) => c.method === 'getUpdates').length).toBe(polls);
  });
});
