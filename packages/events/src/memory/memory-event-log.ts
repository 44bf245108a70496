import type { Logger } from '@miyu/platform/logger';
import type { Consumer, DomainEvent, EventLog } from '../event-types.ts';

export interface MemoryEventLogOptions {
  logger: Logger;
  /** Events kept for consumer groups that lag behind; older ones are dropped (default 10,000). */
  retention?: number;
}

interface Delivery {
  raw: string;
  /** Set by the retry timer (not compared with Date.now(): timers may fire a millisecond early). */
  due: boolean;
}

interface Group {
  /** Offset of the next event this group has not yet been handed. */
  cursor: number;
  /** Rejected events waiting for their retry time (any live consumer of the group takes them). */
  retries: Delivery[];
  wakers: Set<() => void>;
}

export const DEFAULT_RETRY_DELAY_MS = 5_000;

/**
 * The embedded counterpart of the Redis Streams log: events are stored serialized (as in Redis,
 * so handlers never share mutable objects), every group has its own cursor, and within a group
 * each event goes to whichever consumer is free first; a rejection re-queues it after the delay.
 */
export function createMemoryEventLog(options: MemoryEventLogOptions): EventLog {
  const logger = options.logger;
  const retention = options.retention ?? 10_000;
  const log: string[] = [];
  let base = 0; // offset of log[0]
  const groups = new Map<string, Group>();
  const consumers = new Set<Consumer>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const wake = (group: Group) => {
    for (const waker of [...group.wakers]) waker();
  };

  function take(name: string, group: Group): Delivery | undefined {
    const retryIndex = group.retries.findIndex((retry) => retry.due);
    if (retryIndex >= 0) return group.retries.splice(retryIndex, 1)[0];
    if (group.cursor < base) {
      logger.warn({ group: name, lost: base - group.cursor }, 'event log group fell behind the retention; events dropped');
      group.cursor = base;
    }
    const raw = log[group.cursor - base];
    if (raw === undefined) return undefined;
    group.cursor += 1;
    return { raw, due: true };
  }

  function scheduleRetry(group: Group, delivery: Delivery, delayMs: number) {
    const retry: Delivery = { raw: delivery.raw, due: false };
    group.retries.push(retry);
    const timer = setTimeout(() => {
      timers.delete(timer);
      retry.due = true;
      wake(group);
    }, delayMs);
    timers.add(timer);
  }

  return {
    async append(event) {
      if (closed) throw new Error('event log is closed');
      log.push(JSON.stringify(event));
      // Trim in batches so appends stay O(1) amortized.
      if (log.length > retention * 1.1) {
        const excess = log.length - retention;
        log.splice(0, excess);
        base += excess;
      }
      for (const group of groups.values()) wake(group);
    },

    async consume(name, handler, consumeOptions) {
      if (closed) throw new Error('event log is closed');
      const retryDelayMs = consumeOptions?.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
      let group = groups.get(name);
      if (!group) {
        group = { cursor: base + log.length, retries: [], wakers: new Set() };
        groups.set(name, group);
      }
      const own = group;
      let stopped = false;
      let wakeSelf: (() => void) | undefined;

      async function run() {
        while (!stopped) {
          const delivery = take(name, own);
          if (!delivery) {
            await new Promise<void>((resolve) => {
              wakeSelf = () => {
                own.wakers.delete(wakeSelf as () => void);
                resolve();
              };
              own.wakers.add(wakeSelf);
            });
            continue;
          }
          try {
            await handler(JSON.parse(delivery.raw) as DomainEvent);
          } catch (error) {
            logger.warn({ err: error, group: name }, 'event handler failed; will retry');
            if (!closed) scheduleRetry(own, delivery, retryDelayMs);
          }
        }
      }

      const running = run();
      const consumer: Consumer = {
        async stop() {
          stopped = true;
          wakeSelf?.();
          await running;
          consumers.delete(consumer);
        },
      };
      consumers.add(consumer);
      return consumer;
    },

    async ready() {
      return !closed;
    },

    async close() {
      closed = true;
      await Promise.all([...consumers].map((consumer) => consumer.stop()));
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
