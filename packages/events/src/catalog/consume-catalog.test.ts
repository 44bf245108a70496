import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../event-types.ts';
import { createMemoryDeadLetters } from '../memory/memory-dead-letters.ts';
import { createLogger } from '@miyu/platform/logger';
import { catalogEvent, catalogHandler, parseCatalogEvent } from './consume-catalog.ts';
import { EVENT_TYPES, examplePayload } from './event-catalog.ts';

const USER = '00000000-0000-4000-8000-000000000001';
const event = (type: string, payload: unknown, extra: Partial<DomainEvent> = {}): DomainEvent<unknown> => ({
  id: 'e1',
  type,
  userId: USER,
  at: '2026-12-07T10:00:00.000Z',
  payload,
  ...extra,
});

describe('the event catalog', () => {
  it.each(EVENT_TYPES)('accepts the example of %s and gives back its typed payload', (type) => {
    const parsed = parseCatalogEvent(event(type, examplePayload(type)));
    expect(parsed).toEqual({ ok: true, event: expect.objectContaining({ type, version: 1, payload: examplePayload(type) }) });
  });

  it('says why an event is refused: unknown type, unknown version, bad envelope, bad payload', () => {
    const reason = (candidate: DomainEvent<unknown>) => {
      const parsed = parseCatalogEvent(candidate);
      return parsed.ok ? 'accepted' : parsed.reason;
    };
    expect(reason(event('message.deleted', {}))).toBe('unknown event type "message.deleted"');
    expect(reason(event('mode.changed', examplePayload('mode.changed'), { version: 2 }))).toBe(
      'unknown version 2 of mode.changed (the catalog has 1)',
    );
    expect(reason(event('mode.changed', examplePayload('mode.changed'), { userId: 'nope' }))).toMatch(
      /^malformed envelope: userId: /,
    );
    expect(reason(event('message.created', { ...examplePayload('message.created'), content: 42 }))).toMatch(
      /^malformed message\.created payload: content: /,
    );
  });

  it('checks a producer payload and stamps the version', () => {
    expect(
      catalogEvent('mode.changed', { id: 'e2', userId: USER, at: 'now', payload: examplePayload('mode.changed') }),
    ).toMatchObject({
      type: 'mode.changed',
      version: 1,
    });
    expect(() =>
      catalogEvent('mode.changed', { id: 'e3', userId: USER, at: 'now', payload: { from: 'CASUAL' } as never }),
    ).toThrow();
  });
});

describe('catalogHandler', () => {
  const logger = createLogger({ service: 'test', level: 'silent' });

  it('runs the handler of a checked event, skips types the group does not handle, dead-letters the rest', async () => {
    const deadLetters = createMemoryDeadLetters();
    const handled: string[] = [];
    const handle = catalogHandler(
      'test-group',
      { 'mode.changed': async (checked) => void handled.push(`${checked.payload.from}->${checked.payload.to}`) },
      { deadLetters, logger },
    );
    await handle(event('mode.changed', examplePayload('mode.changed')));
    await handle(event('reply.completed', { not: 'checked, not ours' }));
    await handle(event('mode.changed', { from: 'CASUAL' }));
    await handle(event('no.such.event', {}));
    expect(handled).toEqual(['CASUAL->PLAYFUL']);
    const letters = await deadLetters.list();
    expect(letters.map(({ group, reason }) => ({ group, reason }))).toEqual([
      { group: 'test-group', reason: 'unknown event type "no.such.event"' },
      { group: 'test-group', reason: expect.stringMatching(/^malformed mode\.changed payload: to: /) },
    ]);
    expect(letters[1]?.event).toEqual(event('mode.changed', { from: 'CASUAL' }));
  });
});
