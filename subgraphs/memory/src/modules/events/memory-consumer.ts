import { type EntityManager, LockMode } from '@mikro-orm/core';
import { catalogEvent } from '@miyu/events/catalog/consume-catalog';
import type { Consumer, DomainEvent, EventLog } from '@miyu/events/event-types';
import type { Logger } from '@miyu/platform/logger';
import { z } from 'zod';
import { extractMemories } from '../extraction/memory-extractor.ts';
import { cleanContent, contentKey } from '../memory/memory-content.ts';
import type { MemoryRow } from '../memory/memory.entity.ts';
import { rememberFromMessage } from '../memory/memory.service.ts';
import type { Embedder } from '../embedding/sif-embedder.ts';
import { ConversationSummaryEntity } from '../summary/conversation-summary.entity.ts';
import { upsertConversationSummary } from '../summary/conversation-summary.service.ts';
import { rollSummary, type Speaker } from '../summary/rolling-summary.ts';
import { derivedEventId } from './derived-event-id.ts';
import { runOnce } from './run-once.ts';

/** The consumer group of this subgraph on the event log. */
export const MEMORY_GROUP = 'memory';

export interface MemoryConsumerDeps {
  eventLog: EventLog;
  /** A fresh EntityManager per event. */
  em: () => EntityManager;
  logger: Logger;
  /** Vectors of the memories it stores (the subgraph's embedder; the offline one when omitted). */
  embedder?: Embedder;
}

const envelope = z.object({ id: z.string().min(1).max(100), userId: z.uuid() });
const messageCreated = z.object({ conversationId: z.uuid(), messageId: z.uuid(), content: z.string() });
const replyCompleted = z.object({ conversationId: z.uuid(), content: z.string() });

// The upsert sets both times from one clock reading on insert; a de-duplicated row keeps its old createdAt.
const isNew = (row: MemoryRow): boolean => row.createdAt.getTime() === row.updatedAt.getTime();

async function rollConversationSummary(
  tx: EntityManager,
  userId: string,
  conversationId: string,
  speaker: Speaker,
  content: string,
) {
  const current = await tx.findOne(
    ConversationSummaryEntity,
    { conversationId, userId },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  const next = rollSummary(current?.summary, speaker, content);
  if (next && next !== current?.summary) await upsertConversationSummary(tx, userId, conversationId, next);
}

/** Remembers what the message says about the user, announces new memories, rolls the summary. */
async function onMessage(deps: MemoryConsumerDeps, event: DomainEvent, tx: EntityManager) {
  const { conversationId, messageId, content } = messageCreated.parse(event.payload);
  for (const candidate of extractMemories(content)) {
    const row = await rememberFromMessage(
      tx,
      event.userId,
      // when it was said: the message's time, apart from when the memory was stored
      { ...candidate, sourceMessageId: messageId, occurredAt: new Date(event.at) },
      deps.embedder,
    );
    if (!isNew(row)) continue;
    // appended before the commit: a failed commit is retried and re-appends the same derived id
    await deps.eventLog.append(
      catalogEvent('memory.created', {
        id: derivedEventId('memory.created', event.id, contentKey(cleanContent(candidate.content))),
        userId: event.userId,
        at: row.createdAt.toISOString(),
        payload: { memoryId: row.id, kind: row.kind, sourceMessageId: messageId },
      }),
    );
  }
  await rollConversationSummary(tx, event.userId, conversationId, 'User', content);
}

async function onReply(event: DomainEvent, tx: EntityManager) {
  const { conversationId, content } = replyCompleted.parse(event.payload);
  await rollConversationSummary(tx, event.userId, conversationId, 'Companion', content);
}

/** Applies one event at most once (processed_events in the same transaction). */
export async function handleMemoryEvent(deps: MemoryConsumerDeps, event: DomainEvent): Promise<void> {
  if (event.type !== 'message.created' && event.type !== 'reply.completed') return;
  const parsed = envelope.safeParse(event);
  const payload = (event.type === 'message.created' ? messageCreated : replyCompleted).safeParse(event.payload);
  if (!parsed.success || !payload.success) {
    // a malformed event would fail the same way on every retry: report it and move on
    deps.logger.warn({ eventId: event.id, type: event.type }, 'malformed event skipped');
    return;
  }
  await runOnce(deps.em(), event.id, (tx) =>
    event.type === 'message.created' ? onMessage(deps, event, tx) : onReply(event, tx),
  );
}

export function startMemoryConsumer(deps: MemoryConsumerDeps): Promise<Consumer> {
  return deps.eventLog.consume(MEMORY_GROUP, (event) => handleMemoryEvent(deps, event));
}
