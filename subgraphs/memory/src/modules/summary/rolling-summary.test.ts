import { describe, expect, it } from 'vitest';
import { rollSummary, SUMMARY_MAX_CHARS, topicOf } from './rolling-summary.ts';

describe('rolling conversation summary', () => {
  it('keeps the first sentence of a turn, without markdown', () => {
    expect(topicOf('**My cat** is called Miso! She is three.')).toBe('My cat is called Miso!');
    expect(topicOf('  just   one line  ')).toBe('just one line');
    expect(topicOf('x'.repeat(200))).toHaveLength(90);
    expect(topicOf('x'.repeat(200)).endsWith('…')).toBe(true);
  });

  it('appends one line per turn and keeps the latest five', () => {
    let summary: string | null = null;
    for (let i = 1; i <= 7; i++) summary = rollSummary(summary, i % 2 ? 'User' : 'Companion', `Turn ${i}. More text.`);
    expect(summary).toBe(
      ['User: Turn 3.', 'Companion: Turn 4.', 'User: Turn 5.', 'Companion: Turn 6.', 'User: Turn 7.'].join('\n'),
    );
  });

  it('drops the oldest lines to stay within 500 characters', () => {
    let summary: string | null = null;
    for (let i = 0; i < 5; i++) summary = rollSummary(summary, 'User', `${i} ${'long words '.repeat(20)}`);
    expect(summary?.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(summary?.split('\n').length).toBe(5);
    summary = rollSummary(summary, 'Companion', 'y'.repeat(200));
    expect(summary?.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(summary?.split('\n').at(-1)).toMatch(/^Companion: y+…$/);
  });

  it('ignores an empty turn', () => {
    expect(rollSummary(null, 'User', '   ')).toBeNull();
    expect(rollSummary('User: hi', 'Companion', '**')).toBe('User: hi');
  });
});
