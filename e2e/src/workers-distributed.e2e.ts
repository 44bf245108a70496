import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { type FakeTelegramServer, startFakeTelegram } from '@miyu/testing/fake-telegram/fake-telegram-server';
import { type FakeXServer, startFakeX } from '@miyu/testing/fake-x/fake-x-server';
import { inheritedEnvironment, testEnv } from '@miyu/testing/env';
import { until } from '@miyu/testing/until';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const ada = { id: 5151, is_bot: false, first_name: 'Ada' };
const adaChat = { id: 5151, type: 'private' as const, first_name: 'Ada' };

async function portFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port whose router, subgraph and worker ports (base … base+8) are all free. */
async function freeBasePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const base = 20_000 + 100 * Math.floor(Math.random() * 300);
    const ports = Array.from({ length: 9 }, (_, offset) => base + offset);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no free base port found');
}

/** The same server with another database name (the launcher creates it when missing). */
const withDatabase = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

// `npm run start:distributed` is `exec node deploy/local/start-distributed.ts`: every service its own
// process against PostgreSQL and Redis, so this runs in the distributed CI mode only.
describe.runIf(testEnv().DATABASE_URL && testEnv().REDIS_URL)(
  'npm run start:distributed runs the Telegram and X workers as their own processes',
  () => {
    let telegram: FakeTelegramServer;
    let x: FakeXServer;
    let child: ChildProcess | undefined;
    let output = '';
    let base = 0;
    const databaseUrl = withDatabase(
      testEnv().DATABASE_URL ?? 'postgres://127.0.0.1/x',
      `miyu_workers_${randomBytes(4).toString('hex')}`,
    );

    beforeAll(async () => {
      [telegram, x] = await Promise.all([startFakeTelegram(), startFakeX()]);
      base = await freeBasePort();
      child = spawn(process.execPath, ['deploy/local/start-distributed.ts', '--base-port', String(base)], {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...inheritedEnvironment(),
          DATABASE_URL: databaseUrl,
          // a Redis database of its own: nothing queued by other tests reaches these subgraphs
          REDIS_URL: withDatabase(testEnv().REDIS_URL as string, '13'),
          SERVICE_CREDENTIALS: '',
          MIYU_DATA_DIR: mkdtempSync(join(tmpdir(), 'miyu-workers-distributed-')),
          LOG_LEVEL: 'warn',
          TELEGRAM_BOT_TOKEN: telegram.token,
          TELEGRAM_API_ROOT: telegram.apiRoot,
          TELEGRAM_EDIT_INTERVAL_MS: '200',
          X_API_KEY: x.credentials.consumerKey,
          X_API_SECRET: x.credentials.consumerSecret,
          X_ACCESS_TOKEN: x.credentials.token,
          X_ACCESS_SECRET: x.credentials.tokenSecret,
          X_API_BASE_URL: x.baseUrl,
          X_POLL_INTERVAL_SECONDS: '0.3',
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
        150_000,
      );
      if (!/MIYU is ready/u.test(ready)) throw new Error(`start:distributed did not become ready:\n${output}`);
    }, 180_000);
    afterAll(async () => {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await telegram?.close();
      await x?.close();
      // the launcher created the database; psql (PostgreSQL's client) drops it, best effort
      const name = new URL(databaseUrl).pathname.slice(1);
      const maintenance = withDatabase(databaseUrl, 'postgres');
      const psql = spawn('psql', [maintenance, '-qc', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], { stdio: 'ignore' });
      await Promise.race([once(psql, 'exit'), once(psql, 'error')]).catch(() => undefined);
    });

    it('starts both after the routers, answers each platform, and stops them on SIGTERM', async () => {
      expect(output).toMatch(/service credential generated for this run: telegram, x/u);
      expect(output).toContain(`telegram      worker process; health and metrics on http://127.0.0.1:${base + 7}`);
      expect(output).toContain(`x             worker process; health and metrics on http://127.0.0.1:${base + 8}`);
      for (const port of [base + 7, base + 8]) expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

      telegram.userMessage({ chat: adaChat, from: ada, text: 'Hello from Telegram!' });
      const mention = x.mention({ id: '4000000000000000001', username: 'ada', name: 'Ada' }, '@miyu hello from X');
      const answered = await until(
        async () => ({
          telegram: telegram.botMessages(adaChat.id).filter((m) => m.parse_mode === 'MarkdownV2').length,
          x: x.threadUnder(mention).length,
        }),
        (counts) => counts.telegram === 1 && counts.x > 0,
        60_000,
      );
      expect(answered, output).toMatchObject({ telegram: 1 });
      expect(answered.x, output).toBeGreaterThan(0);

      child!.kill('SIGTERM');
      const [code] = (await once(child!, 'exit')) as [number | null];
      expect(code, output).toBe(0);
      expect(output).toMatch(/x\s+\|.*"signal":"SIGTERM"/u);
      expect(output).toMatch(/telegram\s+\|.*"signal":"SIGTERM"/u);
    });
  },
);
