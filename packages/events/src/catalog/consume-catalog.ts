import type { Logger } from '@miyu/platform/logger';
import { z } from 'zod';
import type { Consumer, DeadLetterStore, DomainEvent, EventLog } from '../event-types.ts';
import { EVENT_CATALOG, type EventPayload, type EventType, isEventType } from './event-catalog.ts';

/** A domain event whose type, version and payload the catalog has checked. */
export type CatalogEvent<T extends EventType = EventType> = {
  [K in T]: { id: string; type: K; version: number; userId: string; at: string; payload: EventPayload<K> };
}[T];

const envelope = z.object({
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
  userId: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  version: z.number().int().min(1).optional(),
});

const describeIssues = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');

export type ParsedEvent = { ok: true; event: CatalogEvent } | { ok: false; reason: string };

/** Checks a delivered event against the catalog: its envelope, a known type and version, its payload. */
export function parseCatalogEvent(event: DomainEvent<unknown>): ParsedEvent {
  const head = envelope.safeParse(event);
  if (!head.success) return { ok: false, reason: `malformed envelope: ${describeIssues(head.error)}` };
  const { type, version = 1 } = head.data;
  if (!isEventType(type)) return { ok: false, reason: `unknown event type ${JSON.stringify(type)}` };
  const entry = EVENT_CATALOG[type];
  if (version !== entry.version)
    return { ok: false, reason: `unknown version ${version} of ${type} (the catalog has ${entry.version})` };
  const payload = entry.payload.safeParse(event.payload);
  if (!payload.success) return { ok: false, reason: `malformed ${type} payload: ${describeIssues(payload.error)}` };
  return { ok: true, event: { ...head.data, type, version, payload: payload.data } as CatalogEvent };
}

/**
 * Builds an event a producer publishes: the payload is checked against its type's schema (a
 * mismatch is a bug in the producer, so it throws) and the catalog's version is set.
 */
export function catalogEvent<T extends EventType>(
  type: T,
  fields: { id: string; userId: string; at: string; payload: EventPayload<T> },
): DomainEvent<EventPayload<T>> {
  const entry = EVENT_CATALOG[type];
  const payload = entry.payload.parse(fields.payload) as EventPayload<T>;
  return { ...fields, type, version: entry.version, payload };
}

/** What a consumer group does per event type; types it has no handler for are acknowledged and skipped. */
export type CatalogHandlers = { [K in EventType]?: (event: CatalogEvent<K>) => Promise<void> };

export interface CatalogConsumerDeps {
  deadLetters: DeadLetterStore;
  logger: Logger;
}

/**
 * One delivered event, checked against the catalog before its handler runs. An event the group
 * handles but cannot use (malformed, unknown version), or whose type no catalog entry declares,
 * goes to the dead letters with the reason instead of being dropped or retried for ever.
 */
export function catalogHandler(group: string, handlers: CatalogHandlers, deps: CatalogConsumerDeps) {
  return async (event: DomainEvent<unknown>): Promise<void> => {
    const known = typeof event?.type === 'string' && isEventType(event.type);
    if (known && !handlers[event.type as EventType]) return;
    const parsed = parseCatalogEvent(event);
    if (!parsed.ok) {
      deps.logger.warn({ eventId: event?.id, type: event?.type, group, reason: parsed.reason }, 'event dead-lettered');
      await deps.deadLetters.add({ group, reason: parsed.reason, at: new Date().toISOString(), event });
      return;
    }
    const handle = handlers[parsed.event.type] as ((event: CatalogEvent) => Promise<void>) | undefined;
    await handle?.(parsed.event);
  };
}

/** Consumes the event log as `group` through `catalogHandler`. */
export function consumeCatalogEvents(
  adapters: { eventLog: EventLog; deadLetters: DeadLetterStore },
  group: string,
  handlers: CatalogHandlers,
  logger: Logger,
): Promise<Consumer> {
  return adapters.eventLog.consume(group, catalogHandler(group, handlers, { deadLetters: adapters.deadLetters, logger }));
}
