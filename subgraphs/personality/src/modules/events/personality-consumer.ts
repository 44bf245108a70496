import type { EntityManager } from '@mikro-orm/core';
import type { Consumer, DomainEvent, EventLog } from '@miyu/events/event-types';
import type { Logger } from '@miyu/platform/logger';
import { z } from 'zod';
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
  /** A fresh EntityManager per event. */
  em: () => EntityManager;
  companion: CompanionService;
  analyzer: EmotionAnalyzer;
  notify: CompanionEvents;
  logger: Logger;
}

const envelope = z.object({ id: z.string().min(1).max(100), userId: z.uuid() });
const messageCreated = z.object({ content: z.string() });
const rewardClaimed = z.object({ affinity: z.number().min(0).max(1) });

type Work = (tx: EntityManager) => Promise<unknown>;

const HANDLED = new Set(['message.created', 'quest.reward_claimed']);

/** Turns an event into the change it causes; null for events this subgraph ignores. */
function workFor(deps: PersonalityConsumerDeps, event: DomainEvent): Work | null {
  switch (event.type) {
    case 'message.created': {
      const { content } = messageCreated.parse(event.payload);
      // analysed outside the transaction: it is CPU work that needs no row lock
      const analysis = deps.analyzer.analyze(content);
      return (tx) => deps.companion.recordUserMessageEmotion(tx, event.userId, analysis);
    }
    case 'quest.reward_claimed': {
      const { affinity } = rewardClaimed.parse(event.payload);
      return (tx) => deps.companion.nudgeAffinity(tx, event.userId, affinity * REWARD_AFFINITY_SCALE);
    }
    default:
      return null;
  }
}

/** Applies one event at most once, then tells the user's live subscriptions. */
export async function handlePersonalityEvent(deps: PersonalityConsumerDeps, event: DomainEvent): Promise<void> {
  if (!HANDLED.has(event.type)) return;
  let work: Work | null;
  try {
    envelope.parse(event);
    work = workFor(deps, event);
  } catch (error) {
    // a malformed event would fail the same way on every retry: report it and move on
    deps.logger.warn({ err: error, eventId: event.id, type: event.type }, 'malformed event skipped');
    return;
  }
  if (!work) return;
  const outcome = await runOnce(deps.em(), event.id, work);
  if (outcome.applied) await deps.notify.changed(event.userId, event.type);
}

export function startPersonalityConsumer(deps: PersonalityConsumerDeps): Promise<Consumer> {
  return deps.eventLog.consume(PERSONALITY_GROUP, (event) => handlePersonalityEvent(deps, event));
}
