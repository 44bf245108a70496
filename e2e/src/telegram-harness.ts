import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTelegramWorker, type TelegramWorker } from '@miyu/telegram/telegram-worker';
import type { FakeTelegramServer } from '@miyu/testing/fake-telegram/fake-telegram-server';
import { createLogger } from '@miyu/platform/logger';
import { testEnv } from '@miyu/testing/env';
import { type E2eStack, WORKER_SECRET } from './stack.ts';

/** A Telegram worker (real grammY) between the fake Bot API and the e2e stack; one state folder per test file. */
export function telegramWorkerFactory(stack: E2eStack, fake: FakeTelegramServer) {
  const stateDir = mkdtempSync(join(tmpdir(), 'miyu-telegram-'));
  return {
    stateDir,
    /** Polling by default; with `webhook`, on `port` with Telegram posting to `webhook.url`. */
    async start(
      overrides: { drafts?: boolean; webhook?: { url: string; secret: string }; port?: number } = {},
    ): Promise<TelegramWorker> {
      const worker = createTelegramWorker(
        {
          botToken: fake.token,
          apiRoot: fake.apiRoot,
          mode: overrides.webhook ? 'webhook' : 'polling',
          ...(overrides.webhook ? { webhook: overrides.webhook } : {}),
          port: overrides.port ?? 0,
          host: '127.0.0.1',
          editIntervalMs: 200,
          drafts: overrides.drafts ?? true,
          stateDir,
          routerUrl: stack.url,
          serviceSecret: WORKER_SECRET,
          logLevel: testEnv().MIYU_TEST_LOG_LEVEL,
          pollTimeoutSeconds: 10,
        },
        { logger: createLogger({ service: 'telegram', level: testEnv().MIYU_TEST_LOG_LEVEL }) },
      );
      await worker.start();
      return worker;
    },
  };
}

/** A MIYU query as the Telegram user `externalId` (through platformSession, like the worker). */
export async function asTelegramUser<T>(stack: E2eStack, externalId: number, query: string): Promise<T> {
  const session = await stack.gql<{ platformSession: { token: string } }>(
    'mutation($id: String!) { platformSession(input: {platform: TELEGRAM, externalId: $id}) { token } }',
    { id: String(externalId) },
    WORKER_SECRET,
  );
  const token = session.data?.platformSession.token;
  if (!token) throw new Error(`platformSession failed: ${JSON.stringify(session.errors)}`);
  const response = await stack.gql<T>(query, {}, token);
  if (!response.data) throw new Error(`query failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}
