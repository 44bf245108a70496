import { describe, expect, it } from 'vitest';
import { keySentence, rollSummary, SUMMARY_MAX_CHARS, SUMMARY_RECENT_TURNS, sentenceScore } from './rolling-summary.ts';
import { parseSummaryState, renderSummary } from './summary-state.ts';

const roll = (turns: Array<[string, string]>, start: string | null = null): string | null =>
  turns.reduce<string | null>(
    (stored, [speaker, content]) => rollSummary(stored, speaker as 'User' | 'Companion', content),
    start,
  );
const smallTalk = (n: number): Array<[string, string]> =>
  Array.from({ length: n }, (_, i) => [i % 2 ? 'Companion' : 'User', i % 2 ? 'Haha, yes!' : 'ok cool']);

describe('rolling conversation summary', () => {
  it("keeps a turn's most informative sentence, without markdown", () => {
    expect(keySentence('Hi! **My cat** is called Miso and she is 3. Lol.', 'User')?.text).toBe(
      'My cat is called Miso and she is 3.',
    );
    expect(keySentence('x'.repeat(300), 'User')?.text).toHaveLength(140);
    expect(keySentence('   ', 'User')).toBeNull();
    expect(sentenceScore('I moved to Berlin in May', 'User')).toBeGreaterThan(sentenceScore('That is nice', 'User'));
    expect(sentenceScore('Where do you live?', 'User')).toBeLessThan(sentenceScore('I live in Rome.', 'User'));
  });

  it('summarises only turns older than the recent ones the prompt shows anyway', () => {
    const stored = roll([['User', 'My sister Anna lives in Lima.'], ...smallTalk(SUMMARY_RECENT_TURNS - 1)]);
    expect(renderSummary(stored)).toBeNull();
    expect(parseSummaryState(stored).recent).toHaveLength(SUMMARY_RECENT_TURNS);
    const later = roll(smallTalk(1), stored);
    expect(renderSummary(later)).toBe('User: My sister Anna lives in Lima.');
  });

  it('leaves out weak small talk and keeps the informative lines when it must drop some', () => {
    const facts: Array<[string, string]> = Array.from({ length: 60 }, (_, i) => [
      'User',
      i === 0 ? 'My brother Tom works as a pilot for Lufthansa in Frankfurt.' : `Went to cafe ${i} today, nice.`,
    ]);
    const stored = roll([...facts, ...smallTalk(2 * SUMMARY_RECENT_TURNS)]);
    const summary = renderSummary(stored) ?? '';
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(summary.split('\n')[0]).toBe('User: My brother Tom works as a pilot for Lufthansa in Frankfurt.');
    expect(summary).not.toMatch(/Haha|ok cool/u);
    expect(summary.split('\n').length).toBeGreaterThan(10);
  });

  it('reads a summary stored before this format as the summary itself', () => {
    expect(renderSummary('Talked about Miso the cat.')).toBe('Talked about Miso the cat.');
    const stored = roll(smallTalk(SUMMARY_RECENT_TURNS + 1), 'Talked about Miso the cat.');
    expect(renderSummary(stored)).toBe('Talked about Miso the cat.');
    expect(rollSummary('User: hi', 'Companion', '**')).toBe('User: hi');
  });
});
