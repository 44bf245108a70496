import type { EventAdapters } from '@miyu/events/event-types';
import type { Logger } from '@miyu/platform/logger';

/** The live topic a user's `companionChanged` subscriptions listen on. */
export const companionTopic = (userId: string): string => `companion:${userId}`;

/** What is published on the topic: a nudge to reload, never the state itself (it may be stale). */
export interface CompanionChangedMessage {
  userId: string;
  cause: string;
}

/**
 * Notifications after a committed change. A failed publish is logged, not thrown: the change
 * itself is done and the client's mutation should not report it as failed. Events for other
 * subgraphs (`mode.changed`) are not sent from here: they are staged in the change's transaction
 * (outbox.service.ts) and `outboxWritten` has the relay publish them now.
 */
export function createCompanionEvents(events: Pick<EventAdapters, 'pubsub'>, logger: Logger, onOutboxWrite: () => void) {
  const changed = async (userId: string, cause: string): Promise<void> => {
    const message: CompanionChangedMessage = { userId, cause };
    await events.pubsub.publish(companionTopic(userId), message).catch((error: unknown) => {
      logger.warn({ err: error, userId, cause }, 'companion change not published');
    });
  };

  return { changed, outboxWritten: onOutboxWrite };
}

export type CompanionEvents = ReturnType<typeof createCompanionEvents>;
