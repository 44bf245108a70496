import { copyFileSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SUBSCRIPTIONS } from '@miyu/router/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startChat } from './conversation-flow.ts';
import { SUPERGRAPH_PATH, type E2eStack, startE2eStack } from './stack.ts';
import { collect, rawSocket, routerWsClient } from './ws-client.ts';

const COMPANION = 'subscription { companionChanged { mode persona { name } } }';
const QUESTS = 'subscription { questProgressed { status quest { id } objectives { current done } } }';

// These subscriptions are live (pub/sub): an event published before the subgraph has opened
// the upstream subscription is not replayed, so tests give it a moment after the router counts it.
const upstreamSettled = () => new Promise((resolve) => setTimeout(resolve, 500));

/** Resolves whether `check` passed within `ms`. */
const within = async (check: () => boolean, ms: number): Promise<boolean> => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
};

const until = async (check: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met in time: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the router subscription lane in production conditions', () => {
  let stack: E2eStack;
  let dir: string;
  let supergraph: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'miyu-lane-'));
    supergraph = join(dir, 'supergraph.graphql');
    copyFileSync(SUPERGRAPH_PATH, supergraph);
    stack = await startE2eStack({
      supergraphPath: supergraph,
      routerOverrides: {
        subscriptions: {
          ...DEFAULT_SUBSCRIPTIONS,
          maxPerConnection: 3,
          maxPerProcess: 5,
          keepAliveMs: 200,
          socketsPerSubgraph: 2,
        },
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers companionChanged and questProgressed, owned by personality and quest, through the same lane', async () => {
    // Everything opened here is closed in `finally`: a failed attempt must not leave subscriptions
    // behind, or a retry (CI retries failed tests) would start over the router's caps.
    const opened: { dispose: () => void | Promise<void> }[] = [];
    try {
      const ada = await stack.signUp('Ada');
      const client = routerWsClient(stack.url, ada.token);
      opened.push(client);
      const companion = collect<{ data: { companionChanged: { mode: string; persona: { name: string } } } }>(client, COMPANION);
      const quests = collect<{ data: { questProgressed: { status: string; quest: { id: string } } } }>(client, QUESTS);
      opened.push(companion, quests);
      const failed = (subscription: { done: Promise<void> }) =>
        subscription.done.then(
          () => 'completed',
          (error: unknown) => `failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
        );
      await until(() => stack.router.lane.hub.activeCount >= 2);
      // retry the trigger until the live subscription has caught one (see upstreamSettled)
      for (const mode of ['PLAYFUL', 'CASUAL', 'PLAYFUL', 'CASUAL', 'PLAYFUL', 'CASUAL', 'PLAYFUL', 'CASUAL']) {
        await stack.gql(`mutation { setMode(mode: ${mode}) { mode } }`, {}, ada.token);
        if (await within(() => companion.results.length > 0, 2_000)) break;
      }
      expect(
        companion.results[0]?.data.companionChanged.persona,
        `no companionChanged; the subscription ${await Promise.race([failed(companion), 'is still open'])}`,
      ).toEqual({ name: 'MIYU' });
      expect(['PLAYFUL', 'CASUAL']).toContain(companion.results[0]?.data.companionChanged.mode);

      // say-hello completes on the first message; deep-talk progresses on every one
      await stack.gql('mutation { acceptQuest(questId: "say-hello") { status } }', {}, ada.token);
      await stack.gql('mutation { acceptQuest(questId: "deep-talk") { status } }', {}, ada.token);
      const conversationId = await startChat(stack, ada.token);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await send(stack, ada.token, conversationId, `Hello there, number ${attempt}!`);
        if (await within(() => quests.results.length > 0, 3_000)) break;
      }
      const progressed = quests.results.map((result) => result.data.questProgressed);
      expect(
        progressed.length,
        `no questProgressed; the subscription ${await Promise.race([failed(quests), 'is still open'])}`,
      ).toBeGreaterThan(0);
      expect(progressed.every((progress) => ['say-hello', 'deep-talk'].includes(progress.quest.id))).toBe(true);
      const status = await stack.gql<{ me: { quests: { quest: { id: string } }[] } }>(
        '{ me { quests(status: COMPLETED) { quest { id } } } }',
        {},
        ada.token,
      );
      expect(status.data?.me.quests.map((quest) => quest.quest.id)).toContain('say-hello');

      const bob = await stack.signUp('Bob');
      const bobClient = routerWsClient(stack.url, bob.token);
      opened.push(bobClient);
      const bobCompanion = collect(bobClient, COMPANION);
      opened.push(bobCompanion);
      await until(() => stack.router.lane.hub.activeCount >= 3);
      await upstreamSettled();
      const seen = companion.results.length;
      await stack.gql('mutation { setMode(mode: FOCUSED) { mode } }', {}, ada.token);
      await until(() => companion.results.length > seen);
      expect(bobCompanion.results).toEqual([]);
    } finally {
      for (const subscription of opened.reverse()) await subscription.dispose();
      await within(() => stack.router.lane.hub.activeCount === 0, 10_000);
    }
    expect(stack.router.lane.hub.activeCount).toBe(0);
  });

  it('caps subscriptions per connection and per process, and multiplexes upstream sockets', async () => {
    const ada = await stack.signUp('Ada');
    const first = routerWsClient(stack.url, ada.token);
    const open = [1, 2, 3].map(() => collect(first, COMPANION));
    await until(() => stack.router.lane.hub.activeCount === 3);
    const fourth = collect(first, COMPANION);
    await fourth.done.catch(() => {});
    expect(JSON.stringify(fourth.results)).toContain('SUBSCRIPTION_LIMIT');

    const second = routerWsClient(stack.url, ada.token);
    const more = [1, 2].map(() => collect(second, COMPANION));
    await until(() => stack.router.lane.hub.activeCount === 5);
    const overProcess = collect(second, COMPANION);
    await overProcess.done.catch(() => {});
    expect(JSON.stringify(overProcess.results)).toMatch(/too many subscriptions/);
    expect(stack.router.lane.upstream.socketCount()).toBeLessThanOrEqual(2 * 5);
    expect(stack.router.lane.upstream.activeOperations().personality).toBe(5);

    const metrics = await (await fetch(stack.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/router_active_subscriptions\{[^}]*\} 5/);
    for (const subscription of [...open, ...more]) subscription.dispose();
    await first.dispose();
    await second.dispose();
    await until(() => stack.router.lane.hub.activeCount === 0);
  });

  it('sends heartbeats (pings) on idle sockets', async () => {
    const ada = await stack.signUp('Ada');
    const raw = rawSocket(stack.url);
    await raw.opened;
    let pings = 0;
    raw.socket.on('ping', () => {
      pings += 1;
    });
    raw.socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${ada.token}` } }));
    await until(() => pings >= 2, 3_000);
    raw.socket.close();
  });

  it('ends subscriptions cleanly when the supergraph is reloaded', async () => {
    const ada = await stack.signUp('Ada');
    const client = routerWsClient(stack.url, ada.token);
    const subscription = collect(client, COMPANION);
    await until(() => stack.router.lane.hub.activeCount === 1);
    appendFileSync(supergraph, '\n# reloaded\n');
    expect(await stack.router.reloadSupergraph()).toBe(true);
    await subscription.done.catch(() => {});
    expect(JSON.stringify(subscription.results)).toContain('SUPERGRAPH_RELOADED');
    const after = await stack.gql<{ me: { id: string } }>('{ me { id } }', {}, ada.token);
    expect(after.data?.me.id).toBe(ada.userId);
    await client.dispose();
  });

  it('drains on shutdown: open subscriptions end with SHUTTING_DOWN and sockets close', async () => {
    const ada = await stack.signUp('Ada');
    const raw = rawSocket(stack.url);
    await raw.opened;
    raw.socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${ada.token}` } }));
    await until(() => raw.messages.length > 0);
    raw.socket.send(JSON.stringify({ id: 's1', type: 'subscribe', payload: { query: COMPANION } }));
    await until(() => stack.router.lane.hub.activeCount === 1);
    await stack.router.close();
    const closed = await raw.closed;
    expect(JSON.stringify(raw.messages)).toContain('SHUTTING_DOWN');
    expect(closed.code).toBe(1001);
  });
});
