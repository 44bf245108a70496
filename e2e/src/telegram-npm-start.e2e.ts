import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';
import { type FakeTelegramServer, startFakeTelegram } from '@miyu/testing/fake-telegram/fake-telegram-server';
import { type FakeXServer, startFakeX } from '@miyu/testing/fake-x/fake-x-server';
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

// `npm start` is `exec node stack/src/main.ts`: this runs exactly that file, with only
// the Telegram and X workers' variables added, and talks to it as a Telegram and an X user would.
describe('npm start with TELEGRAM_BOT_TOKEN and the X keys runs both workers in the same process', () => {
  let openai: FakeOpenAiServer;
  let telegram: FakeTelegramServer;
  let x: FakeXServer;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    [openai, telegram, x] = await Promise.all([startFakeOpenAiServer(), startFakeTelegram(), startFakeX()]);
    openai.setBehavior({ replyText: REPLY });
    const port = await freePort();
    child = spawn(process.execPath, ['stack/src/main.ts'], {
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
        X_API_KEY: x.credentials.consumerKey,
        X_API_SECRET: x.credentials.consumerSecret,
        X_ACCESS_TOKEN: x.credentials.token,
        X_ACCESS_SECRET: x.credentials.tokenSecret,
        X_API_BASE_URL: x.baseUrl,
        X_POLL_INTERVAL_SECONDS: '0.2',
        X_PORT: '0',
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
    await x?.close();
    await openai?.close();
  });

  it('says so in its start-up lines, answers a Telegram message and an X mention, and stops cleanly on SIGTERM', async () => {
    // the start-up block is several console lines: wait for the workers' lines, not just the first
    await until(
      async () => output,
      (text) => /telegram\s+@miyu_test_bot/u.test(text) && /x\s+@miyu \(/u.test(text),
      20_000,
    );
    expect(output).toMatch(/telegram\s+@miyu_test_bot \(long polling; health and metrics on http:\/\/127\.0\.0\.1:\d+\)/u);
    expect(output).toMatch(/x\s+@miyu \(mentions every 0\.2 s; health and metrics on http:\/\/127\.0\.0\.1:\d+\)/u);
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

    const mention = x.mention({ id: '3000000000000000001', username: 'lin', name: 'Lin' }, '@miyu hello from X');
    const thread = await until(
      async () => x.threadUnder(mention),
      (posts) => posts.length > 0,
      60_000,
    );
    expect(thread.map((post) => post.text)).toEqual([REPLY]);

    child!.kill('SIGTERM');
    const [code] = (await once(child!, 'exit')) as [number | null];
    expect(code, output).toBe(0);
    // the workers stopped before the router: neither was left polling
    const polls = telegram.calls.filter((c) => c.method === 'getUpdates').length;
    const mentionPolls = x.requests.filter((r) => r.path.endsWith('/mentions')).length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(telegram.calls.filter((c) => c.method === 'getUpdates').length).toBe(polls);
    expect(x.requests.filter((r) => r.path.endsWith('/mentions')).length).toBe(mentionPolls);
  });
});
