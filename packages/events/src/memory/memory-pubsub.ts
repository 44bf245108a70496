import type { Logger } from '@miyu/platform/logger';
import { createPushIterator, type PushIterator } from '../async-iterators.ts';
import type { PubSub } from '../event-types.ts';

export interface MemoryPubSubOptions {
  logger: Logger;
  /** Messages buffered per subscriber before the oldest are dropped (default 1,000). */
  bufferSize?: number;
}

/** In-process topics; messages are copied through JSON like the Redis adapter does. */
export function createMemoryPubSub(options: MemoryPubSubOptions): PubSub {
  const topics = new Map<string, Set<PushIterator<unknown>>>();
  const bufferSize = options.bufferSize ?? 1_000;

  return {
    async publish(topic, message) {
      const subscribers = topics.get(topic);
      if (!subscribers) return;
      const raw = JSON.stringify(message);
      for (const subscriber of subscribers) subscriber.push(JSON.parse(raw));
    },

    subscribe<T>(topic: string, signal?: AbortSignal) {
      let subscribers = topics.get(topic);
      if (!subscribers) {
        subscribers = new Set();
        topics.set(topic, subscribers);
      }
      const own = subscribers;
      const iterator = createPushIterator<T>({
        capacity: bufferSize,
        signal,
        onDrop: (dropped) => {
          if (dropped === 1 || dropped % 1_000 === 0)
            options.logger.warn({ topic, dropped }, 'slow subscriber; dropping oldest messages');
        },
        onEnd: () => {
          own.delete(iterator as PushIterator<unknown>);
          if (own.size === 0 && topics.get(topic) === own) topics.delete(topic);
        },
      });
      // A signal that was already aborted has ended the iterator (and run onEnd) already.
      if (!signal?.aborted) own.add(iterator as PushIterator<unknown>);
      return iterator;
    },

    async close() {
      for (const subscribers of [...topics.values()]) for (const subscriber of [...subscribers]) subscriber.end();
      topics.clear();
    },
  };
}
