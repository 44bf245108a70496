import type { InternalTokens } from '@miyu/auth/internal-token';
import { openSubscribers } from './fanout-subscribers.ts';
import type { startGatedLlm } from './gated-llm.ts';
import type { HostProcess } from './host-process.ts';
import { readProc, waitUntilIdle, watchPeakRss } from './proc-stats.ts';
import type { RouterProcess } from './router-process.ts';
import { type BenchUser, sendMessage } from './users.ts';
import { checkStream } from './verify-stream.ts';

export interface PhaseContext {
  mode: 'router' | 'direct';
  size: number;
  sockets: number;
  users: BenchUser[];
  router: RouterProcess;
  host: HostProcess;
  llm: Awaited<ReturnType<typeof startGatedLlm>>;
  internalTokens: InternalTokens;
  deliveryTimeoutMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * One fan-out: replies held at the LLM gate, `size` subscriptions opened (through the router or
 * straight on the conversation subgraph), then the gate opens and every chunk is delivered live.
 */
export async function runFanoutPhase(ctx: PhaseContext) {
  const { router, host } = ctx;
  const measured = ctx.mode === 'router' ? [router.pid, host.pid] : [host.pid];
  ctx.llm.close();
  const replyIds = await Promise.all(ctx.users.map((user) => sendMessage(router.url, user, 'Tell me a long story, please.')));
  await waitUntilIdle([router.pid, host.pid]);
  const routerBefore = readProc(router.pid);
  const hostBefore = readProc(host.pid);
  const routerPeak = watchPeakRss(router.pid);
  const hostPeak = watchPeakRss(host.pid);

  const openStarted = performance.now();
  const targets = await Promise.all(
    ctx.users.map(async (user, index) => ({
      replyId: replyIds[index]!,
      bearer: user.token,
      internalToken: await ctx.internalTokens.sign({ kind: 'user', userId: user.userId, scopes: [] }),
    })),
  );
  const opened = await openSubscribers({
    mode: ctx.mode,
    url: ctx.mode === 'router' ? router.url : host.urls.conversation!,
    upgradeToken: await ctx.internalTokens.sign({ kind: 'service', name: 'router', scopes: [] }),
    targets,
    perTarget: Math.ceil(ctx.size / ctx.users.length),
    socketsPerTarget: Math.max(1, Math.round(ctx.sockets / ctx.users.length)),
  });
  const active = () => router.metric('router_active_subscriptions');
  if (ctx.mode === 'router')
    await until(
      async () => (await active()) >= opened.subscribers.length,
      120_000,
      `subscriptions (router holds ${await active()})`,
    );
  await waitUntilIdle(measured, { timeoutMs: 120_000 });
  const openSeconds = (performance.now() - openStarted) / 1000;
  const routerOpen = readProc(router.pid);
  const hostOpen = readProc(host.pid);

  const clientCpu = process.cpuUsage();
  const deliveryStarted = performance.now();
  ctx.llm.open();
  const all = Promise.all(opened.subscribers.map((subscriber) => subscriber.finished));
  const finished = await Promise.race([all.then(() => true), sleep(ctx.deliveryTimeoutMs).then(() => false)]);
  const deliverySeconds = (performance.now() - deliveryStarted) / 1000;
  const routerAfter = readProc(router.pid);
  const hostAfter = readProc(host.pid);
  const clientCpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(clientCpu));
  const routerPeakKb = routerPeak.stop();
  const hostPeakKb = hostPeak.stop();

  const lastSeqByReply = new Map<string, number>();
  for (const subscriber of opened.subscribers) {
    const last = subscriber.chunks.at(-1);
    if (last?.done) lastSeqByReply.set(subscriber.replyId, Math.max(lastSeqByReply.get(subscriber.replyId) ?? -1, last.seq));
  }
  const checks = opened.subscribers.map((subscriber) => ({
    subscriber,
    check: checkStream(subscriber.chunks, lastSeqByReply.get(subscriber.replyId)),
  }));
  const failed = checks.filter(({ subscriber, check }) => !check.ok || subscriber.error);
  const events = opened.subscribers.reduce((sum, subscriber) => sum + subscriber.chunks.length, 0);
  await opened.close();
  if (ctx.mode === 'router')
    await until(async () => (await router.metric('router_active_subscriptions')) === 0, 60_000, 'subscriptions to close');

  const perEventUs = (cpuMs: number) => Math.round(((cpuMs * 1000) / Math.max(1, events)) * 10) / 10;
  return {
    mode: ctx.mode,
    subscriptions: opened.subscribers.length,
    replies: ctx.users.length,
    sockets: ctx.sockets,
    chunksPerReply: [...lastSeqByReply.values()].map((seq) => seq + 1),
    eventsDelivered: events,
    allFinished: finished,
    openSeconds: Math.round(openSeconds * 10) / 10,
    deliverySeconds: Math.round(deliverySeconds * 10) / 10,
    eventsPerSecond: Math.round(events / deliverySeconds),
    correctness: {
      failedSubscribers: failed.length,
      lost: checks.reduce((sum, { check }) => sum + check.lost, 0),
      duplicated: checks.reduce((sum, { check }) => sum + check.duplicated, 0),
      outOfOrder: checks.reduce((sum, { check }) => sum + check.outOfOrder, 0),
      examples: failed
        .slice(0, 3)
        .map(({ subscriber, check }) => ({ ...check, error: subscriber.error, chunks: subscriber.chunks.length })),
    },
    router: {
      rssBeforeKb: routerBefore.rssKb,
      rssOpenKb: routerOpen.rssKb,
      rssPeakKb: routerPeakKb,
      rssPerSubscriptionKb: Math.round(((routerPeakKb - routerBefore.rssKb) / opened.subscribers.length) * 10) / 10,
      cpuOpenMs: routerOpen.cpuMs - routerBefore.cpuMs,
      cpuDeliveryMs: routerAfter.cpuMs - routerOpen.cpuMs,
      cpuPerEventUs: perEventUs(routerAfter.cpuMs - routerOpen.cpuMs),
    },
    conversationHost: {
      rssBeforeKb: hostBefore.rssKb,
      rssPeakKb: hostPeakKb,
      rssPerSubscriptionKb: Math.round(((hostPeakKb - hostBefore.rssKb) / opened.subscribers.length) * 10) / 10,
      cpuOpenMs: hostOpen.cpuMs - hostBefore.cpuMs,
      cpuDeliveryMs: hostAfter.cpuMs - hostOpen.cpuMs,
      cpuPerEventUs: perEventUs(hostAfter.cpuMs - hostOpen.cpuMs),
    },
    clientCpuPerEventUs: perEventUs(clientCpuMs),
  };
}

export type PhaseResult = Awaited<ReturnType<typeof runFanoutPhase>>;
