import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';
import type { Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionToken, signUpInBrowser } from './web-browser.ts';
import { startWebSuite } from './web-suite.ts';

const LONG_REPLY = Array.from({ length: 45 }, (_, index) => `word${index + 1}`).join(' ');

interface Frame {
  connection: number;
  data: { id?: string; type: string; payload?: Record<string, unknown> };
}
interface StreamChunk {
  seq: number;
  delta: string;
  done: boolean;
  reset: boolean;
  message: { content: string; status: string; model: string | null } | null;
}

/**
 * Every graphql-ws socket of a page goes through a relay that records the frames both ways and can
 * drop the connection (as a network would: close code 1012, which graphql-ws retries), so the app's
 * reconnecting state is real.
 */
async function relaySockets(page: Page) {
  const sent: Frame[] = [];
  const received: Frame[] = [];
  const live: WebSocketRoute[] = [];
  let connections = 0;
  const relay = {
    sent,
    received,
    /** Called with each frame from the server before the page gets it; true drops the socket after it. */
    dropAfter: (_frame: Frame) => false,
    connections: () => connections,
    dropAll(code: number) {
      for (const socket of live.splice(0)) socket.close({ code, reason: 'dropped by the test' });
    },
  };
  await page.routeWebSocket(/\/graphql$/, (socket) => {
    const connection = connections++;
    live.push(socket);
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      sent.push({ connection, data: JSON.parse(String(message)) });
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = { connection, data: JSON.parse(String(message)) };
      received.push(frame);
      socket.send(message);
      if (relay.dropAfter(frame)) {
        relay.dropAfter = () => false;
        relay.dropAll(1012);
        server.close();
      }
    });
  });
  return relay;
}

const chunkOf = (frame: Frame) =>
  (frame.data.payload as { data?: { replyStream?: StreamChunk } } | undefined)?.data?.replyStream ?? undefined;
const afterSeqOf = (frame: Frame) => (frame.data.payload?.variables as { afterSeq?: number } | undefined)?.afterSeq;
const replySubscriptions = (frames: Frame[], messageId: string) =>
  frames.filter(
    (frame) =>
      frame.data.type === 'subscribe' &&
      (frame.data.payload?.variables as { messageId?: string } | undefined)?.messageId === messageId,
  );

// The reply stream in the browser against the whole stack, with an OpenAI-compatible fake as the
// model (so a failure mid-reply falls back to the offline provider behind a reset chunk).
describe('web app: reply streams across dropped sockets and resets', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ behavior: { replyText: LONG_REPLY, chunkDelayMs: 120, faultAfterChunks: 4 } });
  });
  // hooks run as a stack: the fake model closes after the suite's stack
  afterAll(async () => {
    await fake?.close();
  });
  const web = startWebSuite(
    () => ({
      llm: {
        openai: { apiKey: 'test-key', baseURL: fake.url, model: 'fake-model' },
        resilience: { ...DEFAULT_LLM_RESILIENCE, failureThreshold: 1_000, idleChunkTimeoutMs: 1_500 },
        offlineWordDelayMs: 0,
      },
    }),
    { width: 1024, height: 760 },
  );
  /** A reply as stored, read through the API (the newest conversation's last messages). */
  const stored = async (page: Page, messageId: string) => {
    const answer = await web.stack.gql<{
      me: {
        conversations: {
          nodes: { messages: { nodes: { id: string; content: string; status: string; model: string | null }[] } }[];
        };
      };
    }>(
      '{ me { conversations(first: 1) { nodes { messages(last: 4) { nodes { id content status model } } } } } }',
      {},
      await sessionToken(page),
    );
    return answer.data?.me.conversations.nodes[0]?.messages.nodes.find((node) => node.id === messageId);
  };
  /** Sends with Enter and returns the reply's id, from the reply stream the page subscribed to. */
  const send = async (page: Page, relay: Awaited<ReturnType<typeof relaySockets>>, text: string) => {
    const before = relay.sent.length;
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill(text);
    await input.press('Enter');
    let replyId: string | undefined;
    await expect
      .poll(
        () => {
          const frame = relay.sent
            .slice(before)
            .find(
              (sent) =>
                sent.data.type === 'subscribe' && (sent.data.payload?.variables as { afterSeq?: number })?.afterSeq === -1,
            );
          replyId = (frame?.data.payload?.variables as { messageId?: string } | undefined)?.messageId;
          return replyId;
        },
        { timeout: 30_000 },
      )
      .toBeDefined();
    return replyId!;
  };

  it('a dropped socket: says Reconnecting…, resubscribes with afterSeq = the last seq it saw, and the text is whole and not doubled', async () => {
    const { page, problems } = await web.open();
    const relay = await relaySockets(page);
    await signUpInBrowser(page, web.origin, 'Dora');
    const log = page.getByRole('log');
    let droppedAt: { connection: number; seq: number } | undefined;
    relay.dropAfter = (frame) => {
      const chunk = chunkOf(frame);
      if (!chunk || chunk.done || chunk.seq < 3) return false;
      droppedAt = { connection: frame.connection, seq: chunk.seq };
      return true;
    };
    const replyId = await send(page, relay, 'Tell me a long story please');
    await page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 60_000 }).toBe('false');
    expect(droppedAt).toBeDefined();

    const subscriptions = replySubscriptions(relay.sent, replyId);
    expect(subscriptions.length).toBeGreaterThanOrEqual(2);
    const afterSeqs = subscriptions.map(
      (frame) => (frame.data.payload?.variables as { afterSeq?: number } | undefined)?.afterSeq,
    );
    expect(afterSeqs[0]).toBe(-1);
    // graphql-ws repeats the first subscription on the new socket (afterSeq -1) until the app ends
    // it; the app's own resubscription asks for what follows the last chunk it had
    const resumed = subscriptions.find((frame) => frame.connection > droppedAt!.connection && afterSeqOf(frame) !== -1);
    expect(resumed && afterSeqOf(resumed)).toBe(droppedAt!.seq);

    const reply = await stored(page, replyId);
    expect(reply).toMatchObject({ status: 'COMPLETE', content: LONG_REPLY, model: 'fake-model' });
    const bubble = log.locator('li.hers:not(.greeting)').last().locator('.bubble');
    expect((await bubble.textContent())?.trim()).toBe(LONG_REPLY);
    expect(await page.getByRole('status').filter({ hasText: 'Reconnecting…' }).count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);

  it('offline: says so while the network is gone, and stops saying it when it is back', async () => {
    const { page, problems } = await web.open();
    await signUpInBrowser(page, web.origin, 'Olly');
    const offline = page.getByRole('status').filter({ hasText: 'You are offline' });
    expect(await offline.count()).toBe(0);
    await page.context().setOffline(true);
    await offline.waitFor({ timeout: 10_000 });
    await page.context().setOffline(false);
    await offline.waitFor({ state: 'detached', timeout: 10_000 });
    // going offline drops the socket; only the browser's own network errors of that moment may show
    expect(problems.filter((problem) => !/ERR_INTERNET_DISCONNECTED|WebSocket/i.test(problem))).toEqual([]);
  }, 60_000);

  it('a reset chunk (the model failed mid-reply, the offline provider took over) replaces the text shown so far', async () => {
    const { page, problems } = await web.open();
    const relay = await relaySockets(page);
    await signUpInBrowser(page, web.origin, 'Rex');
    fake.failNext(1, 'stallMidStream');
    const log = page.getByRole('log');
    const bubble = log.locator('li.hers:not(.greeting)').last().locator('.bubble');
    const replyId = await send(page, relay, 'Hello, how are you today?');
    // the fake model's first words are painted, then dropped at the reset
    await expect.poll(() => bubble.textContent(), { timeout: 30_000 }).toContain('word1 word2');
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 60_000 }).toBe('false');
    const chunks = relay.received.map(chunkOf).filter((chunk): chunk is StreamChunk => chunk !== undefined);
    const reset = chunks.findIndex((chunk) => chunk.reset);
    expect(reset).toBeGreaterThan(0);
    expect(
      chunks
        .slice(0, reset)
        .map((chunk) => chunk.delta)
        .join(''),
    ).toContain('word1');

    const reply = await stored(page, replyId);
    expect(reply).toMatchObject({ status: 'COMPLETE', model: 'miyu-offline-1' });
    const shown = (await bubble.textContent())?.trim() ?? '';
    expect(shown).not.toContain('word1');
    expect(shown.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
