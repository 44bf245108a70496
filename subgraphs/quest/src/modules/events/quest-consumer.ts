import type { EntityManager } from '@mikro-orm/core';
import { type CatalogEvent, type CatalogHandlers, catalogHandler } from '@miyu/events/catalog/consume-catalog';
import type { EventType } from '@miyu/events/catalog/event-catalog';
import type { Consumer, DomainEvent, EventAdapters } from '@miyu/events/event-types';
import { PublicError } from '@miyu/platform/errors';
import type { Logger } from '@miyu/platform/logger';
import type { QuestEventType } from '../catalog/catalog.types.ts';
import type { EventRecorder } from './record-event.ts';

/** The consumer group of this subgraph on the event log. */
export const QUEST_GROUP = 'quest';

/** Domain events (as other subgraphs name them) → the quest events objectives count. */
export const QUEST_EVENT_FOR: Readonly<Partial<Record<EventType, QuestEventType>>> = {
  'message.created': 'message.sent',
  'conversation.started': 'conversation.started',
  'memory.created': 'memory.created',
  'mode.changed': 'mode.changed',
};

/** The live topic a user's `questProgressed` subscriptions listen on. */
export const questTopic = (userId: string): string => `quest:${userId}`;

/** Published after an event advanced quests: the subscription reloads these quests. */
export interface QuestProgressedMessage {
  userId: string;
  questIds: string[];
}

export interface QuestConsumerDeps {
  events: EventAdapters;
  /** A fresh EntityManager per event. */
  em: () => EntityManager;
  recorder: EventRecorder;
  logger: Logger;
}

/** Applies one checked domain event to the user's quests (idempotent on its id), then notifies. */
async function applyToQuests(deps: QuestConsumerDeps, event: CatalogEvent): Promise<void> {
  const type = QUEST_EVENT_FOR[event.type];
  if (!type) return;
  const at = new Date(event.at);
  let questIds: string[];
  try {
    ({ changedQuestIds: questIds } = await deps.recorder.recordEvent(deps.em(), event.userId, { id: event.id, type, at }));
  } catch (error) {
    // recordEvent validates again: an event it refuses would fail the same way on every retry
    if (!(error instanceof PublicError && error.code === 'BAD_USER_INPUT')) throw error;
    const reason = `refused by recordEvent: ${error.message}`;
    deps.logger.warn({ err: error, eventId: event.id, type: event.type }, 'event dead-lettered');
    await deps.events.deadLetters.add({ group: QUEST_GROUP, reason, at: new Date().toISOString(), event });
    return;
  }
  if (questIds.length === 0) return;
  const message: QuestProgressedMessage = { userId: event.userId, questIds };
  await deps.events.pubsub.publish(questTopic(event.userId), message).catch((error: unknown) => {
    deps.logger.warn({ err: error, userId: event.userId }, 'quest progress not published');
  });
}

/** The catalog's events that count for quests; the catalog checks each before it is applied. */
export function questEventHandler(deps: QuestConsumerDeps) {
  const apply = (event: CatalogEvent) => applyToQuests(deps, event);
  const handlers: CatalogHandlers = Object.fromEntries(Object.keys(QUEST_EVENT_FOR).map((type) => [type, apply]));
  return catalogHandler(QUEST_GROUP, handlers, { deadLetters: deps.events.deadLetters, logger: deps.logger });
}

/** Applies one domain event to the user's quests (checked against the catalog; refused ones are dead-lettered). */
export function handleQuestEvent(deps: QuestConsumerDeps, event: DomainEvent): Promise<void> {
  return questEventHandler(deps)(event);
}

export function startQuestConsumer(deps: QuestConsumerDeps): Promise<Consumer> {
  return deps.events.eventLog.consume(QUEST_GROUP, questEventHandler(deps));
}
