/**
 * The faults, each against the running distributed mode. A scenario returns its tally and its
 * time to recover; the runner compares them with the bounds. Every wait has a deadline.
 */
import { followReply, history, type Person, type SendOutcome, sendMessage } from './fault-client.ts';
import { addTally, emptyTally, tallyStream } from './tally.ts';
import {
  type Scenario,
  CONVERSATION,
  ROUTER,
  MEMORY,
  text,
  people,
  nextSerial,
  percentile,
  settle,
  recovery,
  midReply,
  streamResult,
  outage,
} from './scenario-steps.ts';

export type { FaultContext, ScenarioResult } from './scenario-steps.ts';

export const SCENARIOS: Scenario[] = [
  {
    name: 'kill -9 a router mid-stream (resume on the other with afterSeq)',
    boundMs: 5_000,
    quick: true,
    async run(context) {
      const [person, other] = (await people(context.run, 2, 'rk')) as [Person, Person];
      const port = context.run.topology.routerPorts[0] as number;
      let probe: Promise<SendOutcome> | undefined;
      const { sent, followed, faultAt, firstChunkAfterFaultAt } = await midReply(context, person, () => {
        context.run.kill(ROUTER, port, 'SIGKILL');
        // a message while router 1 is down: its reply's context query (ROUTER_URL, the routers'
        // proxy) must reach router 2 instead of losing the context (issue #15 item 4)
        probe = sendMessage([context.run.routerUrls[1] as string], other, text('router down'), Date.now() + 30_000);
      });
      const tally = tallyStream(followed.chunks, followed.completed);
      const sends = new Map([[person, [sent]]]);
      if (probe) sends.set(other, [await probe]);
      addTally(tally, await settle(context.run, sends, Date.now() + 60_000));
      const probeReply = (await history(context.run.routerUrls, other, Date.now() + 10_000)).find(
        (message) => message.role === 'ASSISTANT',
      );
      await context.run.waitReady(port, 60_000);
      return {
        tally,
        // the first chunk after the kill arrived on the other router
        recoverMs: firstChunkAfterFaultAt ? firstChunkAfterFaultAt - faultAt : Number.POSITIVE_INFINITY,
        notes: [
          `killed at ${new Date(faultAt).toISOString()}, interruptions: ${followed.interruptions.join(', ') || 'none'}`,
          `a message sent while router 1 was down: reply ${probeReply?.status ?? 'missing'}, contextComplete ${probeReply?.contextComplete}`,
        ],
        problems: probeReply?.contextComplete === true ? [] : ['the reply written while router 1 was down lacks its context'],
      };
    },
  },
  {
    name: 'kill -9 a conversation replica while it writes replies',
    // time to recover: the longest silence of a reply cut short (the reply job's 2 s lock with a 1 s stalled
    // check and the reply's 3 s lease let another replica take over, reset first, within ~3-4 s; issue #15)
    boundMs: 5_000,
    quick: false,
    async run(context) {
      // the replica a reply is written on is not known: kill replica 1, and when no reply was
      // cut short (no reset), do it again with new replies and replica 2
      const tally = emptyTally();
      const notes: string[] = [];
      let recoverMs = 0;
      const ports = context.run.topology.subgraphs.find((plan) => plan.name === 'conversation')?.replicaPorts as number[];
      for (const [round, port] of ports.entries()) {
        const group = await people(context.run, 6, `ck${round}-`);
        let killedAt = 0;
        const sends = await Promise.all(
          group.map((person) => sendMessage(context.run.routerUrls, person, text('conversation kill'), Date.now() + 30_000)),
        );
        const follows = await Promise.all(
          sends.map((sent, index) =>
            followReply(context.run.routerUrls, (group[index] as Person).token, sent.replyId as string, Date.now() + 150_000, {
              onChunk: (chunk) => {
                if (!killedAt && chunk.seq >= 3) {
                  killedAt = Date.now();
                  context.run.kill(CONVERSATION, port, 'SIGKILL');
                }
              },
            }),
          ),
        );
        addTally(tally, streamResult([], follows, new Map()));
        const sent = new Map(group.map((person, index) => [person, [sends[index] as SendOutcome]]));
        addTally(tally, await settle(context.run, sent, Date.now() + 90_000));
        await context.run.waitReady(port, 60_000);
        const hit = follows.filter((one) => one.chunks.some((c) => c.reset));
        recoverMs = Math.max(recoverMs, ...hit.map((one) => one.longestSilenceMs));
        notes.push(
          `round ${round + 1}, replica on :${port} killed: ${hit.length} of ${follows.length} replies were being written there; ` +
            `longest silence per reply (ms): ${follows.map((one) => one.longestSilenceMs).join(', ')}`,
          ...follows.flatMap((one, index) => {
            const own = tallyStream(one.chunks, one.completed);
            const seqs = one.chunks.map((c) => `${c.seq}${c.reset ? 'r' : ''}`).join(' ');
            return own.lost || own.duplicated
              ? [`reply ${index}: stream lost ${own.lost}, duplicated ${own.duplicated}; seqs ${seqs}`]
              : [];
          }),
        );
        if (hit.length > 0) return { tally, recoverMs, notes, problems: [] };
      }
      return { tally, recoverMs, notes, problems: ['no kill hit a replica writing a reply'] };
    },
  },
  {
    name: 'both memory replicas killed during a message, then back',
    boundMs: 30_000,
    quick: false,
    async run(context) {
      const [person, prober] = await people(context.run, 2, 'mk');
      const ports = context.run.topology.subgraphs.find((plan) => plan.name === 'memory')?.replicaPorts as number[];
      const killedAt = Date.now();
      for (const port of ports) context.run.kill(MEMORY, port, 'SIGKILL');
      const sent = await sendMessage(context.run.routerUrls, person as Person, text('memory down'), Date.now() + 60_000);
      const followed = sent.replyId
        ? await followReply(context.run.routerUrls, (person as Person).token, sent.replyId, Date.now() + 60_000)
        : { chunks: [], completed: false, interruptions: [], longestSilenceMs: 0, at: Date.now() };
      const tally = tallyStream(followed.chunks, followed.completed);
      addTally(tally, await settle(context.run, new Map([[person as Person, [sent]]]), Date.now() + 60_000));
      for (const port of ports) await context.run.waitReady(port, 90_000);
      const backAt = Date.now() - killedAt;
      // and once they are back, a message is answered as usual
      const probeMs = await recovery(context.run, prober as Person, Date.now(), 30_000);
      return {
        tally,
        // the message sent while memory was down was answered in this time
        recoverMs: followed.completed ? followed.at - killedAt : Number.POSITIVE_INFINITY,
        notes: [`both memory replicas ready again after ${backAt} ms; a probe after that answered in ${probeMs} ms`],
        problems: Number.isFinite(probeMs) ? [] : ['no message was answered after memory came back'],
      };
    },
  },
  {
    name: 'Redis stopped mid-reply',
    boundMs: 15_000,
    quick: false,
    run: (context) => outage(context, context.redis, 'redis'),
  },
  {
    name: 'PostgreSQL stopped mid-reply',
    boundMs: 15_000,
    quick: true,
    run: (context) => outage(context, context.postgres, 'postgres'),
  },
  {
    name: 'the same clientMessageId twice at once through two routers',
    boundMs: 10_000,
    quick: true,
    async run(context) {
      const [person] = await people(context.run, 1, 'dup');
      const started = Date.now();
      const content = text('twice');
      const id = `twice-${nextSerial()}`;
      const [a, b] = await Promise.all(
        context.run.routerUrls.map((url) => sendMessage([url], person as Person, content, Date.now() + 30_000, id)),
      );
      const tally = await settle(context.run, new Map([[person as Person, [a as SendOutcome]]]), Date.now() + 60_000);
      addTally(tally, {
        ...emptyTally(),
        falseFailures: 0,
        codes: Object.fromEntries((b as SendOutcome).failures.map((code) => [code, 1])),
      });
      const problems =
        a?.replyId && a.replyId === b?.replyId ? [] : [`the two answers name replies ${a?.replyId} and ${b?.replyId}`];
      return { tally, recoverMs: Date.now() - started, notes: [], problems };
    },
  },
  {
    name: 'a burst of messages from many people at once',
    // until every reply is COMPLETE: 500 replies of ~8 s each through 2 replicas take minutes
    boundMs: 400_000,
    // not in CI's subset while it fails: sends answer SUBGRAPH_UNAVAILABLE for stored messages (issue #15 item 2)
    quick: false,
    async run(context) {
      const { burstMessages, burstPeople } = context.size;
      const group = await people(context.run, burstPeople, 'b');
      const started = Date.now();
      const outcomes = await Promise.all(
        Array.from({ length: burstMessages }, (_, index) => {
          const person = group[index % burstPeople] as Person;
          return sendMessage(
            context.run.routerUrls,
            person,
            `burst ${index} from ${person.name} (${nextSerial()})`,
            Date.now() + 90_000,
          ).then((outcome) => [person, outcome] as const);
        }),
      );
      const sent = new Map<Person, SendOutcome[]>(group.map((person) => [person, []]));
      for (const [person, outcome] of outcomes) sent.get(person)?.push(outcome);
      const tally = await settle(context.run, sent, Date.now() + 420_000);
      const ms = outcomes.map(([, outcome]) => outcome.ms);
      return {
        tally,
        recoverMs: Date.now() - started,
        notes: [
          `${burstMessages} sends from ${burstPeople} people: p50 ${Math.round(percentile(ms, 50))} ms, p99 ${Math.round(percentile(ms, 99))} ms; all replies COMPLETE after ${Date.now() - started} ms`,
        ],
        problems: [],
      };
    },
  },
  {
    name: 'SIGTERM a router holding many subscriptions',
    boundMs: 10_000,
    quick: true,
    async run(context) {
      const count = context.size.subscriptions;
      const group = await people(context.run, Math.ceil(count / 5), 'st');
      const port = context.run.topology.routerPorts[0] as number;
      const sends = await Promise.all(
        Array.from({ length: count }, (_, index) =>
          sendMessage(context.run.routerUrls, group[index % group.length] as Person, text('sigterm'), Date.now() + 60_000).then(
            (sent) => ({
              sent,
              person: group[index % group.length] as Person,
            }),
          ),
        ),
      );
      let termAt = 0;
      const firstChunks = new Set<number>();
      const resumedAfterMs: number[] = [];
      const follows = await Promise.all(
        sends.map(({ sent, person }, index) =>
          followReply(context.run.routerUrls, person.token, sent.replyId as string, Date.now() + 120_000, {
            firstRouter: 0,
            onChunk: () => {
              if (termAt && resumedAfterMs[index] === undefined) resumedAfterMs[index] = Date.now() - termAt;
              firstChunks.add(index);
              if (!termAt && firstChunks.size === count) {
                termAt = Date.now();
                context.run.kill(ROUTER, port, 'SIGTERM');
              }
            },
          }),
        ),
      );
      const tally = streamResult([], follows, new Map());
      const sent = new Map<Person, SendOutcome[]>(group.map((person) => [person, []]));
      for (const { sent: one, person } of sends) sent.get(person)?.push(one);
      addTally(tally, await settle(context.run, sent, Date.now() + 90_000));
      await context.run.waitReady(port, 60_000);
      const resumed = resumedAfterMs.filter((ms) => ms !== undefined);
      return {
        tally,
        // every stream that was still open got its next chunk (through the other router) within this
        recoverMs: termAt ? Math.max(0, ...resumed) : Number.POSITIVE_INFINITY,
        notes: [
          `${count} subscriptions on router 1; next chunk after SIGTERM p50 ${percentile(resumed, 50)} ms, max ${Math.max(0, ...resumed)} ms (${resumed.length} streams still open)`,
        ],
        problems: termAt ? [] : ['the router was never signalled: not every stream got a chunk'],
      };
    },
  },
];
