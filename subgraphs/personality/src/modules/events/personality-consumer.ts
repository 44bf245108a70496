import type { EntityManager } from '@mikro-orm/core';
import { type CatalogEvent, type CatalogHandlers, catalogHandler } from '@miyu/events/catalog/consume-catalog';
import type { Consumer, DeadLetterStore, DomainEvent, EventLog } from '@miyu/events/event-types';
import type { Logger } from '@miyu/platform/logger';
import type { CompanionEvents } from '../companion/companion-events.ts';
import type { CompanionService } from '../companion/companion.service.ts';
import type { EmotionAnalyzer } from '../emotion/emotion-analyzer.ts';
import { AFFINITY_MAX, AFFINITY_MIN } from '../mood/affinity.ts';
import { runOnce } from './run-once.ts';

/** The consumer group of this subgraph on the event log. */
export const PERSONALITY_GROUP = 'personality';

/**
 * A quest reward's `affinity` is a share (0..1) of the affinity range, so 0.05 raises it by
 * 5 points on the 0..100 scale (a literal +0.05 would be invisible next to a message's ±2).
 */
export const REWARD_AFFINITY_SCALE = AFFINITY_MAX - AFFINITY_MIN;

export interface PersonalityConsumerDeps {
  eventLog: EventLog;
  /** Where events this subgraph cannot use go, with the reason. */
  deadLetters: DeadLetterStore;
  /** A fresh EntityManager per event. */
  em: () => EntityManager;
  companion: CompanionService;
  analyzer: EmotionAnalyzer;
  notify: CompanionEvents;
  logger: Logger;
}

/**
 * The catalog's events this subgraph applies, each as the change it causes; the catalog checks
 * them first (a malformed one is dead-lettered), every other type is skipped.
 */
function personalityHandlers(deps: PersonalityConsumerDeps): CatalogHandlers {
  const apply = async (event: CatalogEvent, work: (tx: EntityManager) => Promise<unknown>) => {
    const outcome = await runOnce(deps.em(), event.id, work);
    if (outcome.applied) await deps.notify.changed(event.userId, event.type);
  };
  return {
    'message.created': (event) => {
      // analysed outside the transaction: it is CPU work that needs no row lock
      const analysis = deps.analyzer.analyze(event.payload.content);
      return apply(event, (tx) => deps.companion.recordUserMessageEmotion(tx, event.userId, analysis));
    },
    'quest.reward_claimed': (event) =>
      apply(event, (tx) => deps.companion.nudgeAffinity(tx, event.userId, event.payload.affinity * REWARD_AFFINITY_SCALE)),
  };
}

/** Applies one event at most once, then tells the user's live subscriptions. */
export function handlePersonalityEvent(deps: PersonalityConsumerDeps, event: DomainEvent): Promise<void> {
  return catalogHandler(PERSONALITY_GROUP, personalityHandlers(deps), deps)(event);
}

export function startPersonalityConsumer(deps: PersonalityConsumerDeps): Promise<Consumer> {
  return deps.eventLog.consume(PERSONALITY_GROUP, catalogHandler(PERSONALITY_GROUP, personalityHandlers(deps), deps));
}
