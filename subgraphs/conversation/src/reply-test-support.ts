import type { Principal } from '@miyu/auth/principal';
import type { DomainEvent } from '@miyu/events/event-types';
import { MessageEntity } from './modules/message/message.entity.ts';
import { OutboxEventEntity } from './modules/outbox/outbox.entity.ts';
import type { ConversationHarness } from './conversation-test-support.ts';
import { collectSubscription } from './ws-test-client.ts';

export const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) {
  message { id role status content model conversation { id } } reply { id role status content model } } }`;
export const STREAM = `subscription($id: ID!, $after: Int) { replyStream(messageId: $id, afterSeq: $after) {
  messageId seq delta done reset message { id role status content model formattedParts } } }`;

export interface Chunk {
  messageId: string;
  seq: number;
  delta: string;
  done: boolean;
  reset: boolean;
  message: { id: string; role: string; status: string; content: string; model: string | null; formattedParts: string[] } | null;
}
export interface Sent {
  sendMessage: {
    message: { id: string; role: string; status: string; content: string; model: string | null; conversation: { id: string } };
    reply: { id: string; role: string; status: string; content: string; model: string | null };
  };
}

/** The reply text a client shows: the deltas after the last reset. */
export function textAfterLastReset(chunks: readonly Chunk[]): string {
  const lastReset = chunks.findLastIndex((chunk) => chunk.reset);
  return chunks
    .slice(lastReset + 1)
    .map((chunk) => chunk.delta)
    .join('');
}

export async function send(harness: ConversationHarness, userId: string, input: Record<string, unknown>) {
  return harness.request<Sent>(harness.asUser(userId), SEND, { input });
}

export async function streamOf(harness: ConversationHarness, principal: Principal, id: string, after?: number) {
  const result = await collectSubscription<{ replyStream: Chunk }>(harness, principal, STREAM, { id, after });
  return { chunks: result.events.map((event) => event.replyStream), errors: result.errors };
}

export async function rowsOf(harness: ConversationHarness, conversationId: string) {
  const em = harness.orm.em.fork();
  const messages = await em.find(MessageEntity, { conversationId }, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const outbox = (await em.find(OutboxEventEntity, {}, { orderBy: { createdAt: 'asc' } })).filter(
    (row) => row.payload.conversationId === conversationId,
  );
  return { messages, outbox };
}

/** Collects every event appended to the log from now on. */
export async function recordEvents(harness: ConversationHarness) {
  const seen: DomainEvent[] = [];
  await harness.options.events.eventLog.consume('test-recorder', async (event) => {
    seen.push(event);
  });
  return seen;
}

export { until as eventually } from '@miyu/testing/until';
