import type { JobQueue } from './event-types.ts';

/**
 * Caches a queue by name until it is closed: a service restarted in the same process then gets a
 * fresh queue (as a new BullMQ worker would attach to the same Redis queue).
 */
export function cachedQueue(
  queues: Map<string, JobQueue<Record<string, unknown>>>,
  name: string,
  create: () => JobQueue<Record<string, unknown>>,
): JobQueue<Record<string, unknown>> {
  const existing = queues.get(name);
  if (existing) return existing;
  const created = create();
  const queue = {
    ...created,
    close: async () => {
      queues.delete(name);
      await created.close();
    },
  };
  queues.set(name, queue);
  return queue;
}
