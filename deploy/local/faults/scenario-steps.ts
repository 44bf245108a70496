/**
 * What the fault scenarios share: their context and result types, and the steps they are made of
 * (let the system settle, time a recovery, interrupt a reply, stop a private service).
 */
import type { DistributedRun } from './distributed-run.ts';
import {
  type FollowOutcome,
  followReply,
  gql,
  history,
  newPerson,
  type Person,
  type SendOutcome,
  sendMessage,
} from './fault-client.ts';
import type { PrivateService } from './private-services.ts';
import { addTally, emptyTally, type Tally, tallyMessages, tallyStream } from './tally.ts';

export interface FaultContext {
  run: DistributedRun;
  postgres: PrivateService;
  redis: PrivateService;
  /** Messages per burst, people in it, subscriptions held by the router SIGTERMed, outage length. */
  size: { burstMessages: number; burstPeople: number; subscriptions: number; outageMs: number };
}

export interface ScenarioResult {
  tally: Tally;
  recoverMs: number;
  /** Anything else worth printing (latencies, the error a client saw during an outage…). */
  notes: string[];
  /** Checks that are neither lost, duplicated nor a false failure (e.g. the outage answer's shape). */
  problems: string[];
}

export interface Scenario {
  name: string;
  /** Time to recover may not exceed this. */
  boundMs: number;
  quick: boolean;
  run(context: FaultContext): Promise<ScenarioResult>;
}

export const CONVERSATION = 'subgraphs/conversation/src/main.ts';
export const ROUTER = 'router/src/main.ts';
export const MEMORY = 'subgraphs/memory/src/main.ts';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LONG = 'Tell me a long story about a brave little cat who sails across the sea to find a lighthouse';
let serial = 0;
/** A number no message of this run used yet, so every message text is unique. */
export function nextSerial(): number {
  serial += 1;
  return serial;
}
export const text = (what: string) => `${LONG} (${what} #${nextSerial()})`;
export const people = (run: DistributedRun, count: number, tag: string) =>
  Promise.all(Array.from({ length: count }, (_, index) => newPerson(run.routerUrls, `${tag}${index}`, Date.now() + 60_000)));

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Polls the people's conversations until every sent message has a COMPLETE reply (or the deadline). */
export async function settle(run: DistributedRun, sent: Map<Person, SendOutcome[]>, deadline: number): Promise<Tally> {
  let tally = emptyTally();
  for (let round = 0; round < 600 && Date.now() < deadline; round += 1) {
    tally = emptyTally();
    for (const [person, outcomes] of sent) {
      // a conversation that cannot be read counts every message in it as lost
      const stored = await history(run.routerUrls, person, Math.max(deadline, Date.now() + 10_000)).catch(() => []);
      addTally(tally, tallyMessages(outcomes, stored));
    }
    if (tally.lost === 0) return tally;
    await sleep(500);
  }
  return tally;
}

/**
 * Sends probes until one is answered and its reply completes: the time from `since` to that
 * probe's first chunk (the reply's own length is not recovery).
 */
export async function recovery(run: DistributedRun, person: Person, since: number, boundMs: number): Promise<number> {
  const deadline = since + boundMs + 30_000;
  for (let attempt = 0; attempt < 200 && Date.now() < deadline; attempt += 1) {
    const sent = await sendMessage(
      run.routerUrls,
      person,
      `probe ${nextSerial()}: hello?`,
      Math.min(deadline, Date.now() + 5_000),
    );
    if (sent.replyId) {
      let firstChunkAt = 0;
      const followed = await followReply(run.routerUrls, person.token, sent.replyId, Math.min(deadline, Date.now() + 20_000), {
        onChunk: () => {
          firstChunkAt ||= Date.now();
        },
      });
      if (followed.completed) return firstChunkAt - since;
    }
    await sleep(250);
  }
  return Number.POSITIVE_INFINITY;
}

/** One long message followed to its end, with `fault` run once the `atSeq`-th chunk arrived. */
export async function midReply(
  context: FaultContext,
  person: Person,
  fault: () => Promise<void> | void,
  options: { atSeq?: number; firstRouter?: number } = {},
): Promise<{ sent: SendOutcome; followed: FollowOutcome; faultAt: number; firstChunkAfterFaultAt: number }> {
  const sent = await sendMessage(context.run.routerUrls, person, text('mid-reply'), Date.now() + 30_000);
  if (!sent.replyId) throw new Error(`sendMessage failed before the fault: ${sent.failures.join(', ')}`);
  let faultAt = 0;
  let firstChunkAfterFaultAt = 0;
  let faulted: Promise<void> | undefined;
  const followed = await followReply(context.run.routerUrls, person.token, sent.replyId, Date.now() + 120_000, {
    firstRouter: options.firstRouter ?? 0,
    onChunk: (chunk) => {
      if (faulted && !firstChunkAfterFaultAt) firstChunkAfterFaultAt = Date.now();
      if (!faulted && chunk.seq >= (options.atSeq ?? 3)) {
        faultAt = Date.now();
        faulted = Promise.resolve(fault());
      }
    },
  });
  await faulted;
  return { sent, followed, faultAt, firstChunkAfterFaultAt };
}

export function streamResult(sent: SendOutcome[], followed: FollowOutcome[], stored: Map<Person, SendOutcome[]>): Tally {
  const tally = emptyTally();
  for (const one of followed) addTally(tally, tallyStream(one.chunks, one.completed));
  void sent;
  void stored;
  return tally;
}

export async function outage(context: FaultContext, service: PrivateService, what: string): Promise<ScenarioResult> {
  const [person, prober] = await people(context.run, 2, what);
  const notes: string[] = [];
  const problems: string[] = [];
  let restartedAt = 0;
  const { sent, followed } = await midReply(context, person as Person, async () => {
    await service.stop();
    // what a client is told while the dependency is down
    const answer = await gql(
      context.run.routerUrls[0] as string,
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { message { id } } }',
      { input: { conversationId: (prober as Person).conversationId, content: `during the ${what} outage` } },
      (prober as Person).token,
    );
    const error = answer.errors?.[0];
    notes.push(
      `during the outage sendMessage answered ${answer.status}${answer.retryAfterSeconds ? ` Retry-After ${answer.retryAfterSeconds}` : ''} ` +
        `${error?.extensions?.code ?? (answer.data ? 'data' : answer.networkError)}`,
    );
    if (error) {
      if (error.extensions?.code !== 'SERVICE_UNAVAILABLE')
        problems.push(`outage answered ${error.extensions?.code}, not SERVICE_UNAVAILABLE`);
      if (error.extensions?.serviceName) problems.push('outage answer names a service');
      if (error.extensions?.code === 'SERVICE_UNAVAILABLE' && error.extensions.details?.retryable !== true)
        problems.push('not marked retryable');
    }
    await sleep(context.size.outageMs);
    await service.start();
    restartedAt = Date.now();
  });
  const tally = tallyStream(followed.chunks, followed.completed);
  addTally(tally, await settle(context.run, new Map([[person as Person, [sent]]]), Date.now() + 60_000));
  notes.push(`reply stream: ${followed.interruptions.length} interruption(s), longest silence ${followed.longestSilenceMs} ms`);
  const recoverMs = await recovery(context.run, prober as Person, restartedAt, 30_000);
  return { tally, recoverMs, notes, problems };
}
