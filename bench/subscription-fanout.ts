import { randomBytes } from 'node:crypto';
import { createInternalTokens } from '@miyu/auth/internal-token';
import { benchEnv } from './env.ts';
import { runFanoutPhase, type PhaseResult } from './lib/fanout-phase.ts';
import { startGatedLlm } from './lib/gated-llm.ts';
import { startHostProcess } from './lib/host-process.ts';
import { type RouterProcess, startRouterProcess } from './lib/router-process.ts';
import { createUsers } from './lib/users.ts';

const USERS = 10;
const SOCKETS = 100;
const TARGET_KB_PER_SUBSCRIPTION = 150;
/** A long reply, streamed word by word with a small gap: ~2 s, coalesced into ~40 chunks. */
const REPLY = Array.from({ length: 400 }, (_, index) => `word${index}`).join(' ');

export async function runSubscriptionFanout(options = benchEnv()) {
  const log = (line: string) => console.log(`[fanout] ${line}`);
  const internalTokenSecret = randomBytes(32).toString('hex');
  const pipelineSecret = randomBytes(32).toString('hex');
  const llm = await startGatedLlm({ chunkDelayMs: 5, replyText: REPLY });
  const host = await startHostProcess({
    internalTokenSecret,
    pipelineSecret,
    llmBaseUrl: llm.url,
    logLevel: options.logLevel,
    databaseUrl: options.databaseUrl,
  });
  const settings = { internalTokenSecret, pipelineSecret, subgraphUrls: host.urls, logLevel: options.logLevel };
  let router: RouterProcess | undefined;
  try {
    const phases: PhaseResult[] = [];
    let users: Awaited<ReturnType<typeof createUsers>> | undefined;
    for (const size of options.fanoutSizes) {
      // a fresh router per size, so its RSS starts from the same place
      await router?.stop();
      router = await startRouterProcess(settings);
      host.setRouterUrl(router.url);
      users ??= await createUsers(router.url, USERS, 'fanout');
      const common = {
        size,
        sockets: SOCKETS,
        users,
        router,
        host,
        llm,
        internalTokens: createInternalTokens(internalTokenSecret),
        deliveryTimeoutMs: 240_000,
      };
      for (const mode of ['router', 'direct'] as const) {
        const phase = await runFanoutPhase({ ...common, mode });
        log(
          `${mode} n=${phase.subscriptions}: ${phase.eventsDelivered} events in ${phase.deliverySeconds}s, failed=${phase.correctness.failedSubscribers}, ` +
            `router ${phase.router.rssPerSubscriptionKb} KB/sub ${phase.router.cpuPerEventUs} us/event, subgraph ${phase.conversationHost.cpuPerEventUs} us/event`,
        );
        phases.push(phase);
      }
    }
    return { users: USERS, sockets: SOCKETS, phases, summary: summarize(phases) };
  } finally {
    await router?.stop();
    await host.stop();
    await llm.stop();
  }
}

/** Router path vs direct path at each size, and the targets. */
function summarize(phases: PhaseResult[]) {
  const sizes = [...new Set(phases.map((phase) => phase.subscriptions))];
  return sizes.map((subscriptions) => {
    const routed = phases.find((phase) => phase.mode === 'router' && phase.subscriptions === subscriptions)!;
    const direct = phases.find((phase) => phase.mode === 'direct' && phase.subscriptions === subscriptions)!;
    return {
      subscriptions,
      zeroLossDupReorder: routed.correctness.failedSubscribers === 0 && routed.allFinished,
      directZeroLossDupReorder: direct.correctness.failedSubscribers === 0 && direct.allFinished,
      routerRssPerSubscriptionKb: routed.router.rssPerSubscriptionKb,
      rssTargetMet: routed.router.rssPerSubscriptionKb <= TARGET_KB_PER_SUBSCRIPTION,
      routerCpuPerEventUs: routed.router.cpuPerEventUs,
      subgraphCpuPerEventUsViaRouter: routed.conversationHost.cpuPerEventUs,
      subgraphCpuPerEventUsDirect: direct.conversationHost.cpuPerEventUs,
      /** What the router adds per event, relative to serving the subscription directly. */
      routerCpuVsDirectSubgraph:
        Math.round((routed.router.cpuPerEventUs / Math.max(0.1, direct.conversationHost.cpuPerEventUs)) * 100) / 100,
      totalServerCpuRatio:
        Math.round(
          ((routed.router.cpuPerEventUs + routed.conversationHost.cpuPerEventUs) /
            Math.max(0.1, direct.conversationHost.cpuPerEventUs)) *
            100,
        ) / 100,
      /** Per subscription as well: under load the coalescer merges tokens, so event counts differ per phase. */
      cpuPerSubscriptionMs: {
        router: Math.round((routed.router.cpuDeliveryMs / subscriptions) * 100) / 100,
        subgraphViaRouter: Math.round((routed.conversationHost.cpuDeliveryMs / subscriptions) * 100) / 100,
        subgraphDirect: Math.round((direct.conversationHost.cpuDeliveryMs / subscriptions) * 100) / 100,
      },
      eventsPerSubscriptionRouterVsDirect: [routed.eventsDelivered / subscriptions, direct.eventsDelivered / subscriptions],
      deliverySecondsRouterVsDirect: [routed.deliverySeconds, direct.deliverySeconds],
    };
  });
}

if (import.meta.main) {
  const result = await runSubscriptionFanout();
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
