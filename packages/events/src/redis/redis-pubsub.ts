import type { Logger } from '@miyu/platform/logger';
import type { Redis } from 'ioredis';
import { createPushIterator, type PushIterator } from '../async-iterators.ts';
import type { PubSub } from '../event-types.ts';
import type { RedisConnections } from './redis-connections.ts';

export interface RedisPubSubOptions {
  connections: RedisConnections;
  /** Prepended to topic names to form channel names. */
  channelPrefix: string;
  logger: Logger;
  /** Messages buffered per subscriber before the oldest are dropped (default 1,000). */
  bufferSize?: number;
}

/**
 * PUBLISH/SUBSCRIBE with one subscriber connection per process, opened on first use; ioredis
 * re-subscribes after a reconnect, but messages published during the gap are lost (that is
 * what the reply streams use Redis Streams for).
 */
export function createRedisPubSub(options: RedisPubSubOptions): PubSub {
  const { connections, channelPrefix, logger } = options;
  const bufferSize = options.bufferSize ?? 1_000;
  const channels = new Map<string, Set<PushIterator<unknown>>>();
  // SUBSCRIBEs not yet confirmed: a publish from this process waits for them, so a subscriber
  // created before a publish here sees it (the two go over different connections).
  const subscribing = new Set<Promise<unknown>>();
  let subscriber: Redis | undefined;

  function subscriberConnection(): Redis {
    if (subscriber) return subscriber;
    const connection = connections.open('sub');
    connection.on('message', (channel: string, message: string) => {
      const targets = channels.get(channel);
      if (!targets) return;
      try {
        for (const target of targets) target.push(JSON.parse(message));
      } catch (error) {
        logger.warn({ err: error, channel }, 'malformed pub/sub message; dropped');
      }
    });
    subscriber = connection;
    return connection;
  }

  function track(command: Promise<unknown>, what: string, channel: string) {
    const tracked = command
      .catch((error: unknown) => logger.warn({ err: error, channel }, `redis ${what} failed`))
      .finally(() => subscribing.delete(tracked));
    subscribing.add(tracked);
  }

  return {
    async publish(topic, message) {
      if (subscribing.size > 0) await Promise.all([...subscribing]);
      await connections.command.publish(channelPrefix + topic, JSON.stringify(message));
    },

    subscribe<T>(topic: string, signal?: AbortSignal) {
      const channel = channelPrefix + topic;
      let targets = channels.get(channel);
      if (!targets) {
        targets = new Set();
        channels.set(channel, targets);
        track(subscriberConnection().subscribe(channel), 'SUBSCRIBE', channel);
      }
      const own = targets;
      const iterator = createPushIterator<T>({
        capacity: bufferSize,
        signal,
        onDrop: (dropped) => {
          if (dropped === 1 || dropped % 1_000 === 0)
            logger.warn({ topic, dropped }, 'slow subscriber; dropping oldest messages');
        },
        onEnd: () => {
          own.delete(iterator as PushIterator<unknown>);
          if (own.size > 0 || channels.get(channel) !== own) return;
          channels.delete(channel);
          if (subscriber) track(subscriber.unsubscribe(channel), 'UNSUBSCRIBE', channel);
        },
      });
      if (!signal?.aborted) own.add(iterator as PushIterator<unknown>);
      return iterator;
    },

    async close() {
      for (const targets of [...channels.values()]) for (const target of [...targets]) target.end();
      channels.clear();
      if (subscriber) connections.release(subscriber);
      subscriber = undefined;
    },
  };
}
