import { describe, expect, it } from 'vitest';
import { queryTime } from './query-time.ts';

const now = new Date('2026-06-10T12:00:00Z');
const day = (date: Date | undefined) => date?.toISOString().slice(0, 10);

describe('queryTime', () => {
  it('reads months, "now" and relative dates relative to now', () => {
    expect([...queryTime('What did I do with Pablo in June?', now).months]).toEqual([5]);
    expect(queryTime('Where do I live now?', now).recent).toBe(true);
    const lastWeek = queryTime('What did I cook last week?', now).span;
    expect([day(lastWeek?.start), day(lastWeek?.end)]).toEqual(['2026-05-30', '2026-06-07']);
    const yesterday = queryTime('who did I meet yesterday', now).span;
    expect([day(yesterday?.start), day(yesterday?.end)]).toEqual(['2026-06-08', '2026-06-10']);
    expect(day(queryTime('what happened on May 3rd?', now).span?.start)).toBe('2026-05-02');
  });

  it('names no span for a bare month, "may" the verb or a short word', () => {
    expect(queryTime('What did I do in June?', now).span).toBeNull();
    expect(queryTime('May I ask what my cat is called?', now).span).toBeNull();
    expect(queryTime('Do I like the sun?', now).span).toBeNull();
    expect(queryTime('What is my cat called?', now).span).toBeNull();
  });
});
