/**
 * `npx node bench/telegram-latency.ts`: what a person on Telegram waits for. 20 private chats write
 * at once to the real Telegram worker (grammY, polling) pointed at the fake Bot API, in front of the
 * embedded stack with a zero-delay LLM. Per message: from the update reaching the fake Bot API (the
 * worker's long poll is waiting) to the first visible text (a draft, or the first sendMessage) and
 * to the final text (the MarkdownV2 message), p50/p95, in two modes: drafts (sendMessageDraft) and
 * edits (sendMessage + editMessageText, the Bot APIs without drafts). Next to it, in the same run
 * and the same process, the API-level first chunk: 20 web clients at once sending over graphql-ws
 * and waiting for their reply stream's first chunk (bench/lib/latency-round.ts). The worker's own
 * cost before the first visible text is the difference of the two p50s (target: under 50 ms).
 * Writes bench/results/<date>-telegram-latency.json. Loopback only; about a minute.
 *
 * Options: `--chats N` (default 20; 1 takes queueing out of the picture), `--rounds N` (default 6),
 * `--worker-process`: the worker runs alone in its own process (`clients/telegram/src/main.ts`,
 * configured by its environment, as deployed) instead of on the stack's event loop.
 */
import { ephemeralKeyring } from '@miyu/db/encryption/keyring';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { startStack } from '@miyu/stack/start-stack';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import { DEFAULT_SUBSCRIPTIONS } from '@miyu/router/env';
import { createTelegramWorker } from '@miyu/telegram/telegram-worker';
import { startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';
import { startFakeTelegram } from '@miyu/testing/fake-telegram/fake-telegram-server';
import { benchDatabase } from './lib/bench-database.ts';
import { type Participant, runRound } from './lib/latency-round.ts';
import { machine } from './lib/results.ts';
import { percentile } from './lib/stats.ts';
import { createUsers } from './lib/users.ts';
import { connected, routerClient } from './lib/ws-clients.ts';

const { values: args } = parseArgs({
  options: {
    chats: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '6' },
    'worker-process': { type: 'boolean', default: false },
  },
});
const CHATS = Number(args.chats);
const ROUNDS = Number(args.rounds);
const WORKER_PROCESS = args['worker-process'];
const WORKER_MAIN = fileURLToPath(new URL('../clients/telegram/src/main.ts', import.meta.url));
const TARGET_P50_MS = 50;
/** Telegram's edit limit: the worker's own default (TELEGRAM_EDIT_INTERVAL_MS). */
const EDIT_INTERVAL_MS = 1_000;
const SUPERGRAPH_PATH = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const log = (line: string) => console.log(`[telegram-latency] ${line}`);

const round1 = (value: number) => Math.round(value * 10) / 10;
const p50p95 = (values: number[]) => ({
  n: values.length,
  p50: round1(percentile(values, 50)),
  p95: round1(percentile(values, 95)),
  max: round1(Math.max(...values)),
});

interface ChatTiming {
  sentAt: number;
  /** The worker's first call for the chat: sendChatAction, right after MIYU accepted the message. */
  typingAt?: number;
  firstVisibleAt?: number;
  finalAt?: number;
}

const workerSecret = randomBytes(32).toString('hex');
const llm = await startFakeOpenAiServer({
  behavior: { chunkDelayMs: 0, replyText: 'Hello! It is lovely to hear from you today. Tell me more about it?' },
});
const stack = await startStack({
  keyring: ephemeralKeyring(),
  subgraphs: {
    userTokenTtlSeconds: 3_600,
    moodHalfLifeMs: 6 * 3_600_000,
    llm: { openai: { apiKey: 'bench-key', baseURL: llm.url, model: 'fake-gpt' }, resilience: DEFAULT_LLM_RESILIENCE },
  },
  databaseFor: (name) => benchDatabase(name, undefined),
  supergraph: { path: SUPERGRAPH_PATH },
  port: 0,
  logLevel: 'error',
  graphiql: false,
  serviceCredentials: [{ name: 'telegram', secret: workerSecret }],
  routerOverrides: {
    rateLimit: { capacity: 1_000_000, refillPerSecond: 1_000_000 },
    subscriptions: { ...DEFAULT_SUBSCRIPTIONS, maxPerConnection: 1_000 },
  },
});

// timings per chat of the round in progress, filled as the worker's calls reach the fake
let current = new Map<number, ChatTiming>();
const fake = await startFakeTelegram({
  onCall(method, params) {
    const timing = current.get(Number(params.chat_id));
    if (!timing) return;
    const now = performance.now();
    const text = typeof params.text === 'string' ? params.text : '';
    if (method === 'sendChatAction') timing.typingAt ??= now;
    if (['sendMessageDraft', 'sendMessage', 'editMessageText'].includes(method) && text.trim()) timing.firstVisibleAt ??= now;
    if ((method === 'sendMessage' || method === 'editMessageText') && params.parse_mode === 'MarkdownV2') timing.finalAt ??= now;
  },
});

const stateRoot = mkdtempSync(join(tmpdir(), 'miyu-bench-telegram-'));

/** The worker alone in its own process, configured through its environment as a deployment is. */
async function startWorkerProcess(drafts: boolean): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [WORKER_MAIN], {
    env: {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_MODE: 'polling',
      TELEGRAM_PORT: '0',
      TELEGRAM_EDIT_INTERVAL_MS: String(EDIT_INTERVAL_MS),
      TELEGRAM_DRAFTS: String(drafts),
      MIYU_DATA_DIR: join(stateRoot, drafts ? 'drafts' : 'edits'),
      ROUTER_URL: stack.url,
      SERVICE_CREDENTIALS: `telegram:${workerSecret}`,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (data: Buffer) => {
      output += data.toString();
      if (output.includes('Telegram worker is running')) resolve();
    });
    void exited.then(() => reject(new Error(`the worker process ended before it started:\n${output}`)));
  });
  return {
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function startWorker(drafts: boolean): Promise<{ stop(): Promise<void> }> {
  if (WORKER_PROCESS) return startWorkerProcess(drafts);
  const worker = createTelegramWorker({
    botToken: fake.token,
    apiRoot: fake.apiRoot,
    mode: 'polling',
    port: 0,
    host: '127.0.0.1',
    editIntervalMs: EDIT_INTERVAL_MS,
    drafts,
    stateDir: join(stateRoot, drafts ? 'drafts' : 'edits'),
    routerUrl: stack.url,
    serviceSecret: workerSecret,
    logLevel: 'error',
    pollTimeoutSeconds: 30,
  });
  await worker.start();
  return worker;
}

/** One round: every chat writes in the same millisecond; resolves when every chat shows its final text. */
async function telegramRound(label: string, chatBase: number): Promise<ChatTiming[]> {
  current = new Map();
  for (let index = 0; index < CHATS; index += 1) {
    const id = chatBase + index;
    current.set(id, { sentAt: performance.now() });
    fake.userMessage({
      chat: { id, type: 'private', first_name: `Chat ${index}` },
      from: { id, is_bot: false, first_name: `Person ${index}` },
      text: `Hello MIYU, how are you? (${label}-${index})`,
    });
  }
  const deadline = Date.now() + 60_000;
  while ([...current.values()].some((timing) => timing.finalAt === undefined) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 5));
  const timings = [...current.values()];
  if (timings.some((timing) => timing.finalAt === undefined)) throw new Error(`${label}: not every chat got its reply in 60 s`);
  // each chat's edit bucket refills before the next round (burst 2, one a second)
  await new Promise((resolve) => setTimeout(resolve, EDIT_INTERVAL_MS * 2.5));
  return timings;
}

async function telegramMode(drafts: boolean, chatBase: number) {
  const worker = await startWorker(drafts);
  try {
    // warm-up: platformSession, conversations and sessions are created for every chat once
    await telegramRound(`${drafts ? 'drafts' : 'edits'}-warmup`, chatBase);
    const timings: ChatTiming[] = [];
    const api: number[] = [];
    const apiSend: number[] = [];
    let apiRefused = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      // the API-level figure, interleaved round by round so both see the same machine
      const outcome = await runRound(participants, `api-${drafts ? 'd' : 'e'}${round}`);
      // a web client refused under the burst (sendMessage's admission queue: SERVICE_UNAVAILABLE,
      // retry later) is counted and left out; anything else ends the run
      const other = outcome.failures.filter((failure) => !failure.includes('SERVICE_UNAVAILABLE'));
      if (other.length > 0) throw new Error(`API round failed: ${other.join(' | ')}`);
      apiRefused += outcome.failures.length;
      api.push(...outcome.samples.map((sample) => sample.firstChunkMs));
      apiSend.push(...outcome.samples.map((sample) => sample.sendMs));
      timings.push(...(await telegramRound(`${drafts ? 'drafts' : 'edits'}-${round}`, chatBase)));
    }
    const firstVisible = timings.map((t) => (t.firstVisibleAt as number) - t.sentAt);
    const final = timings.map((t) => (t.finalAt as number) - t.sentAt);
    const typing = timings.map((t) => (t.typingAt ?? Number.NaN) - t.sentAt);
    const apiFirstChunk = p50p95(api);
    const visible = p50p95(firstVisible);
    const addedP50 = round1(visible.p50 - apiFirstChunk.p50);
    const result = {
      mode: drafts ? 'drafts (sendMessageDraft)' : 'edits (sendMessage + editMessageText)',
      firstVisibleMs: visible,
      finalMs: p50p95(final),
      /** Stage: update to "typing…" (the worker received it, MIYU accepted the message via sendMessage). */
      typingMs: p50p95(typing),
      apiFirstChunkMs: apiFirstChunk,
      /** The API side's sendMessage alone (until its result is back). */
      apiSendMs: p50p95(apiSend),
      apiRefused,
      workerAddedBeforeFirstVisibleP50Ms: addedP50,
      targetMet: addedP50 < TARGET_P50_MS,
    };
    log(
      `${result.mode}: first visible p50 ${visible.p50} p95 ${visible.p95} ms (typing p50 ${result.typingMs.p50}), final p50 ${result.finalMs.p50} p95 ${result.finalMs.p95} ms; API first chunk p50 ${apiFirstChunk.p50} p95 ${apiFirstChunk.p95} ms (send p50 ${result.apiSendMs.p50}, refused ${apiRefused}); worker adds ${addedP50} ms p50 (target < ${TARGET_P50_MS})`,
    );
    return result;
  } finally {
    await worker.stop();
  }
}

const users = await createUsers(stack.url, CHATS, 'tg-bench-api');
const clients = users.map((user) => routerClient(stack.url, user.token));
await Promise.all(clients.map(connected));
const participants: Participant[] = users.map((user, index) => ({
  client: clients[index]!,
  conversationId: user.conversationId,
}));
await runRound(participants, 'api-warmup');
log(
  `${CHATS} web clients and ${CHATS} Telegram chats; ${ROUNDS} rounds per mode after a warm-up round; worker ${WORKER_PROCESS ? 'in its own process' : 'in the stack process'}`,
);

try {
  const modes = [await telegramMode(true, 100_000), await telegramMode(false, 200_000)];
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/:/gu, '-').replace(/\..*$/u, '');
  const path = `${RESULTS_DIR}${stamp}-telegram-latency.json`;
  const options = {
    chats: CHATS,
    rounds: ROUNDS,
    editIntervalMs: EDIT_INTERVAL_MS,
    llm: 'fake, zero delay',
    stack: 'embedded',
    worker: WORKER_PROCESS ? 'own process' : 'in the stack process',
  };
  writeFileSync(path, `${JSON.stringify({ at: new Date().toISOString(), machine: machine(), options, modes }, null, 2)}\n`);
  log(`results written to ${path}`);
} finally {
  await Promise.all(clients.map((client) => client.dispose()));
  await fake.close();
  await stack.close();
  await llm.close();
  rmSync(stateRoot, { recursive: true, force: true });
}
process.exit(0);
