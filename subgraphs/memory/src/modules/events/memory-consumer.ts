import { type EntityManager, LockMode } from '@mikro-orm/core';
import { type CatalogEvent, type CatalogHandlers, catalogHandler } from '@miyu/events/catalog/consume-catalog';
import type { Consumer, DeadLetterStore, DomainEvent, EventLog } from '@miyu/events/event-types';
import type { Logger } from '@miyu/platform/logger';
import { extractMemories } from '../extraction/memory-extractor.ts';
import { cleanContent, contentKey } from '../memory/memory-content.ts';
import type { MemoryRow } from '../memory/memory.entity.ts';
import { learnFromMessage } from '../memory/memory.service.ts';
import type { Embedder } from '../embedding/sif-embedder.ts';
import { stageMemoryEvent } from '../outbox/outbox.service.ts';
import { ConversationSummaryEntity } from '../summary/conversation-summary.entity.ts';
import { upsertConversationSummary } from '../summary/conversation-summary.service.ts';
import { rollSummary, type Speaker } from '../summary/rolling-summary.ts';
import { derivedEventId } from './derived-event-id.ts';
import { runOnce } from './run-once.ts';

/** The consumer group of this subgraph on the event log. */
export const MEMORY_GROUP = 'memory';

export interface MemoryConsumerDeps {
  eventLog: EventLog;
  /** Where events this subgraph cannot use go, with the reason. */
  deadLetters: DeadLetterStore;
  /** A fresh EntityManager per event. */
  em: () => EntityManager;
  logger: Logger;
  /** Vectors of the memories it stores (the subgraph's embedder; the offline one when omitted). */
  embedder?: Embedder;
  /** Called after a transaction staged outbox rows, so the relay publishes them now. */
  outboxWritten?: () => void;
}

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

/** Remembers what the message says about the user, stages `memory.created` for new memories, rolls the summary. */
async function onMessage(deps: MemoryConsumerDeps, event: CatalogEvent<'message.created'>, tx: EntityManager) {
  const { conversationId, messageId, content } = event.payload;
  let staged = 0;
  const saidAt = new Date(event.at);
  // relative dates in the text ("next Friday") are read from when the message was said
  for (const candidate of extractMemories(content, saidAt)) {
    const row = await learnFromMessage(
      tx,
      event.userId,
      // when it happens: a date in the text, else when it was said; apart from when it was stored
      { ...candidate, sourceMessageId: messageId, conversationId, occurredAt: candidate.occurredAt ?? saidAt },
      deps.embedder,
    );
    // null: the person made MIYU forget this fact from this message
    if (!row || !isNew(row)) continue;
    // staged in this transaction: the event exists if and only if the memory does
    stageMemoryEvent(tx, {
      id: derivedEventId('memory.created', event.id, contentKey(cleanContent(candidate.content))),
      userId: event.userId,
      type: 'memory.created',
      at: row.createdAt,
      payload: { memoryId: row.id, kind: row.kind, sourceMessageId: messageId },
    });
    staged++;
  }
  await rollConversationSummary(tx, event.userId, conversationId, 'User', content);
  return staged;
}

/**
 * The catalog's events this subgraph applies; the catalog checks them first (a malformed or
 * unknown one is dead-lettered with the reason), every other type is skipped.
 */
function memoryHandlers(deps: MemoryConsumerDeps): CatalogHandlers {
  return {
    'message.created': async (event) => {
      // the transaction flushes the staged rows with the memories at commit
      const outcome = await runOnce(deps.em(), event.id, (tx) => onMessage(deps, event, tx));
      if (outcome.applied && outcome.result > 0) deps.outboxWritten?.();
    },
    'reply.completed': async (event) => {
      await runOnce(deps.em(), event.id, (tx) =>
        rollConversationSummary(tx, event.userId, event.payload.conversationId, 'Companion', event.payload.content),
      );
    },
  };
}

/** Applies one event at most once (processed_events in the same transaction). */
export function handleMemoryEvent(deps: MemoryConsumerDeps, event: DomainEvent<unknown>): Promise<void> {
  return catalogHandler(MEMORY_GROUP, memoryHandlers(deps), deps)(event);
}

export function startMemoryConsumer(deps: MemoryConsumerDeps): Promise<Consumer> {
  return deps.eventLog.consume(MEMORY_GROUP, catalogHandler(MEMORY_GROUP, memoryHandlers(deps), deps));
}
