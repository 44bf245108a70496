import { randomUUID } from 'node:crypto';
import type { EventAdapters } from '@miyu/events/event-types';
import type { Logger } from '@miyu/platform/logger';
import type { ModeChange } from './companion.service.ts';

/** The live topic a user's `companionChanged` subscriptions listen on. */
export const companionTopic = (userId: string): string => `companion:${userId}`;

/** What is published on the topic: a nudge to reload, never the state itself (it may be stale). */
export interface CompanionChangedMessage {
  userId: string;
  cause: string;
}

/**
 * Notifications after a committed change. A failed publish or append is logged, not thrown: the
 * change itself is done and the client's mutation should not report it as failed.
 */
export function createCompanionEvents(events: EventAdapters, logger: Logger) {
  const changed = async (userId: string, cause: string): Promise<void> => {
    const message: CompanionChangedMessage = { userId, cause };
    await events.pubsub.publish(companionTopic(userId), message).catch((error: unknown) => {
      logger.warn({ err: error, userId, cause }, 'companion change not published');
    });
  };

  /** A user-requested mode change feeds quests ("Try every mood") through the event log. */
  const modeChanged = async (userId: string, change: ModeChange): Promise<void> => {
    const event = {
      id: randomUUID(),
      type: 'mode.changed',
      userId,
      at: change.at.toISOString(),
      payload: { from: change.from, to: change.to, reason: change.reason, transitionId: change.id },
    };
    await events.eventLog.append(event).catch((error: unknown) => {
      logger.error({ err: error, userId }, 'mode.changed event not appended');
    });
  };

  return { changed, modeChanged };
}

export type CompanionEvents = ReturnType<typeof createCompanionEvents>;
