import type { Chunk, SendOutcome, StoredMessage } from './fault-client.ts';
import { HONEST_RETRY_CODES } from './fault-client.ts';

export interface Tally {
  /** Messages sent but not stored, or stored without exactly one COMPLETE reply; chunks missing from a stream. */
  lost: number;
  /** Extra copies: a user message stored twice, two replies to one message, a chunk delivered twice. */
  duplicated: number;
  /** Failed answers that were not an honest "retry" (SUBGRAPH_UNAVAILABLE, INTERNAL_SERVER_ERROR, a serviceName…). */
  falseFailures: number;
  /** Every failed answer seen, by code. */
  codes: Record<string, number>;
}

export const emptyTally = (): Tally => ({ lost: 0, duplicated: 0, falseFailures: 0, codes: {} });

export function addTally(into: Tally, from: Tally): Tally {
  into.lost += from.lost;
  into.duplicated += from.duplicated;
  into.falseFailures += from.falseFailures;
  for (const [code, count] of Object.entries(from.codes)) into.codes[code] = (into.codes[code] ?? 0) + count;
  return into;
}

/** Each sent message must be stored once, with one COMPLETE reply to it. */
export function tallyMessages(sent: SendOutcome[], stored: StoredMessage[]): Tally {
  const tally = emptyTally();
  for (const outcome of sent) {
    for (const code of outcome.failures) {
      tally.codes[code] = (tally.codes[code] ?? 0) + 1;
      if (!HONEST_RETRY_CODES.has(code)) tally.falseFailures += 1;
    }
    const users = stored.filter((message) => message.role === 'USER' && message.content === outcome.content);
    if (users.length === 0) {
      tally.lost += 1;
      continue;
    }
    tally.duplicated += users.length - 1;
    const replies = stored.filter(
      (message) =>
        message.role === 'ASSISTANT' && message.status === 'COMPLETE' && users.some((user) => user.id === message.replyTo?.id),
    );
    if (replies.length === 0) tally.lost += 1;
    tally.duplicated += Math.max(0, replies.length - 1);
  }
  return tally;
}

/**
 * A followed stream: seqs must run on without gaps or repeats, and the text after the last reset
 * must be the stored reply.
 */
export function tallyStream(chunks: Chunk[], completed: boolean): Tally {
  const tally = emptyTally();
  const seen = new Set<number>();
  let expected = chunks[0]?.seq ?? 0;
  for (const chunk of chunks) {
    if (seen.has(chunk.seq)) tally.duplicated += 1;
    else if (chunk.seq > expected) tally.lost += chunk.seq - expected;
    seen.add(chunk.seq);
    expected = Math.max(expected, chunk.seq + 1);
  }
  const last = chunks.at(-1);
  if (!completed || last?.message?.status !== 'COMPLETE') return { ...tally, lost: tally.lost + 1 };
  const lastReset = chunks.map((chunk) => chunk.reset).lastIndexOf(true);
  const text = chunks
    .slice(lastReset + 1)
    .map((chunk) => chunk.delta)
    .join('');
  if (text !== last.message.content) tally.lost += 1;
  return tally;
}
