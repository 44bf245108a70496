import { REPLY_CONTEXT_QUERY } from '@miyu/conversation/modules/reply/reply-context';
import type { Client } from 'graphql-ws';
import { SEND_MESSAGE, type SentMessage } from './users.ts';
import { wsRequest } from './ws-clients.ts';

const REPLY_CHUNKS = 'subscription($id: ID!) { replyStream(messageId: $id) { seq delta done } }';

export interface Participant {
  client: Client;
  conversationId: string;
}

export interface RoundSample {
  baselineMs: number;
  /** Until the sendMessage result is back (the mutation alone). */
  sendMs: number;
  firstChunkMs: number;
  completeMs: number;
  /** The pipeline's context query alone, run by the client as the same user right after. */
  contextMs: number;
}

/** The baseline: a trivial operation through the router on the same socket, no subgraph involved. */
export async function roundTrip(client: Client): Promise<number> {
  const started = performance.now();
  const result = await wsRequest<{ __typename: string }>(client, '{ __typename }');
  if (result.data?.__typename !== 'Query') throw new Error(`unexpected baseline result ${JSON.stringify(result)}`);
  return performance.now() - started;
}

/** The federated query the reply job sends before calling the LLM (stage breakdown only). */
async function contextQuery(client: Client, conversationId: string): Promise<number> {
  const started = performance.now();
  const result = await wsRequest(client, REPLY_CONTEXT_QUERY, { text: 'Hello MIYU, how are you?', conversationId });
  if (result.errors?.length) throw new Error(`context query failed: ${JSON.stringify(result.errors)}`);
  return performance.now() - started;
}

/** sendMessage over the socket, then replyStream for the reply: time to the first chunk and to done. */
export async function firstChunk(
  participant: Participant,
  content: string,
): Promise<Omit<RoundSample, 'baselineMs' | 'contextMs'>> {
  const started = performance.now();
  const sent = await wsRequest<SentMessage>(participant.client, SEND_MESSAGE, {
    input: { conversationId: participant.conversationId, content },
  });
  const replyId = sent.data?.sendMessage.reply.id;
  if (!replyId) throw new Error(`sendMessage failed: ${JSON.stringify(sent.errors)}`);
  const sendMs = performance.now() - started;
  let firstAt: number | undefined;
  let expected = 0;
  await new Promise<void>((resolve, reject) => {
    participant.client.subscribe<{ replyStream: { seq: number; done: boolean } }>(
      { query: REPLY_CHUNKS, variables: { id: replyId } },
      {
        next: (value) => {
          firstAt ??= performance.now();
          const chunk = value.data?.replyStream;
          if (!chunk || chunk.seq !== expected++) reject(new Error(`bad chunk ${JSON.stringify(value)}`));
        },
        error: reject,
        complete: resolve,
      },
    );
  });
  if (firstAt === undefined) throw new Error('reply stream ended without a chunk');
  return { sendMs, firstChunkMs: firstAt - started, completeMs: performance.now() - started };
}

/**
 * One round at a concurrency level: every participant measures the baseline at the same moment,
 * then every participant sends a message at the same moment. Overhead is computed per participant.
 */
export async function runRound(
  participants: Participant[],
  label: string,
): Promise<{ samples: RoundSample[]; failures: string[] }> {
  const baselines = await Promise.all(participants.map((participant) => roundTrip(participant.client)));
  // a failed reply is counted, not fatal: under overload the platform's own timeouts fire
  const replies = await Promise.allSettled(
    participants.map((participant, index) => firstChunk(participant, `Hello MIYU, how are you? (${label}-${index})`)),
  );
  const contexts = await Promise.allSettled(
    participants.map((participant) => contextQuery(participant.client, participant.conversationId)),
  );
  const samples: RoundSample[] = [];
  const failures: string[] = [];
  replies.forEach((reply, index) => {
    const context = contexts[index]!;
    if (reply.status === 'fulfilled' && context.status === 'fulfilled')
      samples.push({ baselineMs: baselines[index]!, contextMs: context.value, ...reply.value });
    for (const outcome of [reply, context])
      if (outcome.status === 'rejected')
        failures.push(String(outcome.reason instanceof Error ? outcome.reason.message : outcome.reason));
  });
  return { samples, failures };
}
