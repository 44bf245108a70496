import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@miyu/platform/logger';
import { testEnv } from '@miyu/testing/env';
import type { FakeXServer } from '@miyu/testing/fake-x/fake-x-server';
import { createXWorker, type XWorker } from '@miyu/x/x-worker';
import { type E2eStack, X_WORKER_SECRET } from './stack.ts';

/** An X worker (real twitter-api-v2) between the fake X API and the e2e stack; one state folder per factory. */
export function xWorkerFactory(stack: E2eStack, fake: FakeXServer) {
  const stateDir = mkdtempSync(join(tmpdir(), 'miyu-x-'));
  return {
    stateDir,
    async start(overrides: { dryRun?: boolean } = {}): Promise<XWorker> {
      const worker = createXWorker(
        {
          credentials: {
            appKey: fake.credentials.consumerKey,
            appSecret: fake.credentials.consumerSecret,
            accessToken: fake.credentials.token,
            accessSecret: fake.credentials.tokenSecret,
          },
          apiBaseUrl: fake.baseUrl,
          pollIntervalMs: 200,
          dryRun: overrides.dryRun ?? false,
          port: 0,
          host: '127.0.0.1',
          stateDir,
          routerUrl: stack.url,
          serviceSecret: X_WORKER_SECRET,
          logLevel: testEnv().MIYU_TEST_LOG_LEVEL,
        },
        { logger: createLogger({ service: 'x', level: testEnv().MIYU_TEST_LOG_LEVEL }) },
      );
      await worker.start();
      return worker;
    },
  };
}

/** A MIYU query as the X user `externalId` (through platformSession, like the worker). */
export async function asXUser<T>(stack: E2eStack, externalId: string, query: string): Promise<T> {
  const session = await stack.gql<{ platformSession: { token: string } }>(
    'mutation($id: String!) { platformSession(input: {platform: TWITTER, externalId: $id}) { token } }',
    { id: externalId },
    X_WORKER_SECRET,
  );
  const token = session.data?.platformSession.token;
  if (!token) throw new Error(`platformSession failed: ${JSON.stringify(session.errors)}`);
  const response = await stack.gql<T>(query, {}, token);
  if (!response.data) throw new Error(`query failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}
