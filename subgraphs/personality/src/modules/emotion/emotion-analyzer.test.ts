import { describe, expect, it } from 'vitest';
import { analyzeEmotion, capText, createEmotionAnalyzer } from './emotion-analyzer.ts';
import { EMOTIONS, PLUTCHIK_EMOTIONS } from './emotion.types.ts';
import type { EmotionAnalysis } from './emotion.types.ts';

const score = (a: EmotionAnalysis, emotion: string): number => a.scores.find((s) => s.emotion === emotion)?.score ?? -1;

describe('analyzeEmotion', () => {
  it('reads affection as joy or trust with strongly positive valence', () => {
    const a = analyzeEmotion('I love you so much!!!');
    expect(['JOY', 'TRUST']).toContain(a.primary);
    expect(a.valence).toBeGreaterThan(0.5);
  });

  it('does not read a negated emotion as that emotion', () => {
    const a = analyzeEmotion("I'm not happy at all");
    expect(a.primary).not.toBe('JOY');
    expect(a.valence).toBeLessThan(0);
    expect(analyzeEmotion('I am not happy').primary).toBe('SADNESS');
    expect(score(analyzeEmotion('I am not happy'), 'JOY')).toBe(0);
  });

  it.each([
    ["I'm terrified of tomorrow's exam", 'FEAR'],
    ['this is disgusting', 'DISGUST'],
    ["I can't wait for the trip", 'ANTICIPATION'],
    ["I'm so angry at my boss, he's a jerk", 'ANGER'],
    ['wow, I did not expect that!', 'SURPRISE'],
    ['I miss her so much, I cried all night', 'SADNESS'],
    ['thank you, I really appreciate your support', 'TRUST'],
    ['omg', 'SURPRISE'],
    ['lol', 'JOY'],
    ['ugh', 'ANGER'],
    ['😊', 'JOY'],
    ['😢', 'SADNESS'],
    ['😡', 'ANGER'],
    ['❤️', 'JOY'],
    ['heart-broken', 'SADNESS'],
    ['sooooo happpyyy', 'JOY'],
    ["I don't trust you", 'FEAR'],
  ])('%s → %s', (text, expected) => {
    expect(analyzeEmotion(text).primary).toBe(expected);
  });

  it('gives "can\'t wait" a positive valence instead of treating it as negated', () => {
    const a = analyzeEmotion("I can't wait for the trip");
    expect(a.valence).toBeGreaterThan(0.2);
    expect(score(a, 'SADNESS')).toBe(0);
  });

  it('scores intensifiers, exclamation marks and capitals as more intense and aroused', () => {
    const plain = analyzeEmotion('happy');
    const very = analyzeEmotion('very happy!!!');
    const shouted = analyzeEmotion('SO happy!!!');
    expect(very.intensity).toBeGreaterThan(plain.intensity);
    expect(shouted.intensity).toBeGreaterThan(plain.intensity);
    expect(very.arousal).toBeGreaterThan(plain.arousal);
    expect(shouted.arousal).toBeGreaterThan(very.arousal);
    expect(analyzeEmotion('slightly sad').intensity).toBeLessThan(analyzeEmotion('sad').intensity);
  });

  it('returns NEUTRAL with zeros for empty or cue-less text', () => {
    for (const text of ['', '   \n\t', 'the meeting is at 5', 'constructor toString']) {
      const a = analyzeEmotion(text);
      expect(a.primary).toBe('NEUTRAL');
      expect(a.intensity).toBe(0);
      expect(a.valence).toBe(0);
      expect(a.scores.every((s) => s.score === 0)).toBe(true);
    }
  });

  it('always returns the eight Plutchik scores, sorted descending, within range', () => {
    for (const text of ['I love you so much!!!', 'ugh, this is gross and I hate it', '', 'okay']) {
      const a = analyzeEmotion(text);
      expect(a.scores.map((s) => s.emotion).sort()).toEqual([...PLUTCHIK_EMOTIONS].sort());
      for (let i = 1; i < a.scores.length; i++) {
        expect(a.scores[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(a.scores[i]?.score ?? 0);
      }
      expect(EMOTIONS).toContain(a.primary);
      expect(a.intensity).toBeGreaterThanOrEqual(0);
      expect(a.intensity).toBeLessThanOrEqual(1);
      expect(Math.abs(a.valence)).toBeLessThanOrEqual(1);
      expect(a.arousal).toBeGreaterThanOrEqual(0);
      expect(a.arousal).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic across analyzers', () => {
    const text = 'Honestly I am SO nervous but also excited about the interview!!! 😬';
    expect(createEmotionAnalyzer().analyze(text)).toEqual(createEmotionAnalyzer().analyze(text));
    expect(analyzeEmotion(text)).toEqual(analyzeEmotion(text));
  });

  it('only analyses the first maxChars characters', () => {
    const analyzer = createEmotionAnalyzer({ maxChars: 20 });
    expect(analyzer.analyze(`${'a '.repeat(10)}I am furious and disgusted`).primary).toBe('NEUTRAL');
    const long = `${'I am sad. '.repeat(2_000)}`;
    const a = analyzeEmotion(long);
    expect(a.primary).toBe('SADNESS');
    expect(a.intensity).toBeLessThanOrEqual(1);
  });
});

describe('capText', () => {
  it('never splits a surrogate pair', () => {
    expect(capText('ab😊', 3)).toBe('ab');
    expect(capText('ab😊', 4)).toBe('ab😊');
    expect(capText('abcdef', 3)).toBe('abc');
  });
});
