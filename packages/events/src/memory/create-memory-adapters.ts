import { cachedQueue } from '../forget-on-close.ts';
import { createLogger, type Logger } from '@miyu/platform/logger';
import type { EventAdapters, JobQueue } from '../event-types.ts';
import { createMemoryDeadLetters } from './memory-dead-letters.ts';
import { createMemoryEventLog } from './memory-event-log.ts';
import { createMemoryJobQueue } from './memory-job-queue.ts';
import { createMemoryPubSub } from './memory-pubsub.ts';
import { createMemoryReplyStreams } from './memory-reply-streams.ts';

export interface MemoryEventAdaptersOptions {
  /** Where dropped messages and failed jobs are reported (default: silent). */
  logger?: Logger;
}

/** Embedded mode: everything in this process, nothing to install, nothing survives a restart. */
export function createMemoryEventAdapters(options: MemoryEventAdaptersOptions = {}): EventAdapters {
  const logger = (options.logger ?? createLogger({ service: 'events', level: 'silent' })).child({ component: 'events' });
  const eventLog = createMemoryEventLog({ logger });
  const pubsub = createMemoryPubSub({ logger });
  const replyStreams = createMemoryReplyStreams();
  const deadLetters = createMemoryDeadLetters();
  const queues = new Map<string, JobQueue<Record<string, unknown>>>();

  return {
    eventLog,
    pubsub,
    replyStreams,
    deadLetters,
    jobQueue<T extends Record<string, unknown>>(name: string) {
      const queue = cachedQueue(queues, name, () => createMemoryJobQueue<Record<string, unknown>>(name, logger));
      return queue as unknown as JobQueue<T>;
    },
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await Promise.all([eventLog.close(), pubsub.close(), replyStreams.close()]);
    },
  };
}
