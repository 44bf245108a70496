import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';
import { inheritedEnvironment } from '@miyu/testing/env';
import { graphqlRequest } from '@miyu/testing/graphql-request';
import { until } from '@miyu/testing/until';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REPLY = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Every process below `pid` (npm's shell, node, and PGlite's workers' hosts if any). */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// `npm start` as a process manager runs it: SIGTERM goes to npm's own process, and must reach node.
describe('npm start under SIGTERM', () => {
  let fake: FakeOpenAiServer;
  let port: number;
  const dataDir = mkdtempSync(join(tmpdir(), 'miyu-signals-'));
  const running: ChildProcess[] = [];
  let output = '';

  const npmStart = async (): Promise<ChildProcess> => {
    const child = spawn('npm', ['start'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...inheritedEnvironment(),
        // embedded mode on a data folder of its own: what a new user's `npm start` runs
        DATABASE_URL: '',
        REDIS_URL: '',
        PORT: String(port),
        MIYU_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: fake.url,
        OPENAI_MODEL: 'fake-gpt',
      },
    });
    child.stdout?.on('data', (data) => {
      output += data;
    });
    child.stderr?.on('data', (data) => {
      output += data;
    });
    running.push(child);
    const ready = await until(
      async () => child.exitCode === null && (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.ok === true,
      (ok) => ok || child.exitCode !== null,
      120_000,
    );
    if (!ready) throw new Error(`npm start did not become ready (exit code ${child.exitCode}):\n${output}`);
    return child;
  };

  const gql = <T>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
    graphqlRequest<T>(`http://127.0.0.1:${port}/graphql`, query, variables, token ? { authorization: `Bearer ${token}` } : {});

  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
    fake.setBehavior({ replyText: REPLY, chunkDelayMs: 60 });
    port = await freePort();
  });
  afterAll(async () => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
    await fake?.close();
  });

  it('drains every process, exits 0 within 10 s, and the reply in flight completes after a restart', async () => {
    const first = await npmStart();
    const signUp = await gql<{ signUp: { token: string } }>(
      'mutation($input: SignUpInput!) { signUp(input: $input) { token } }',
      { input: { email: 'signals@example.com', password: 'correct horse battery', displayName: 'Sig' } },
    );
    const token = signUp.data!.signUp.token;
    const started = await gql<{ startConversation: { id: string } }>(
      'mutation { startConversation(input: {platform: WEB}) { id } }',
      {},
      token,
    );
    const conversationId = started.data!.startConversation.id;
    const sent = await gql<{ sendMessage: { reply: { id: string } } }>(
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { reply { id } } }',
      { input: { conversationId, content: 'Tell me a long story', clientMessageId: 'sig-1' } },
      token,
    );
    expect(sent.errors).toBeUndefined();
    // mid-reply: the model has been asked and is streaming (40 chunks, 60 ms apart)
    expect(
      await until(
        async () => fake.requests.length,
        (count) => count > 0,
        30_000,
      ),
    ).toBeGreaterThan(0);

    const tree = [first.pid!, ...descendants(first.pid!)];
    const signalled = performance.now();
    process.kill(first.pid!, 'SIGTERM');
    const [code, signal] = (await once(first, 'exit')) as [number | null, string | null];
    const seconds = (performance.now() - signalled) / 1000;
    expect({ code, signal }, output).toEqual({ code: 0, signal: null });
    expect(seconds).toBeLessThan(10);
    expect(
      await until(
        async () => tree.filter(alive),
        (left) => left.length === 0,
        5_000,
      ),
    ).toEqual([]);

    await npmStart();
    const conversation = `query($id: ID!) { conversation(id: $id) { messages { nodes { role status content } } } }`;
    type Messages = { conversation: { messages: { nodes: { role: string; status: string; content: string }[] } } };
    const nodes = await until(
      async () => (await gql<Messages>(conversation, { id: conversationId }, token)).data?.conversation.messages.nodes ?? [],
      (read) => read.some((node) => node.role === 'ASSISTANT' && node.status === 'COMPLETE'),
      60_000,
    );
    expect(nodes.map((node) => [node.role, node.status])).toEqual([
      ['USER', 'COMPLETE'],
      ['ASSISTANT', 'COMPLETE'],
    ]);
    expect(nodes[1]?.content).toBe(REPLY);
  });
});
