import { describe, expect, it } from 'vitest';
import type { CueExtraction } from './emotion-cues.ts';
import { NEUTRAL_ANALYSIS, PRIMARY_MIN_SCORE, scoreEmotions } from './emotion-scoring.ts';

const none = { JOY: 0, TRUST: 0, FEAR: 0, SURPRISE: 0, SADNESS: 0, DISGUST: 0, ANGER: 0, ANTICIPATION: 0 };
const cues = (over: Partial<CueExtraction> = {}): CueExtraction => ({
  raw: none,
  cueCount: 0,
  wordCount: 3,
  capsWords: 0,
  elongatedWords: 0,
  exclamations: 0,
  ...over,
});

describe('scoreEmotions', () => {
  it('is NEUTRAL without cues or polarity', () => {
    expect(scoreEmotions(cues(), 0)).toEqual({ ...NEUTRAL_ANALYSIS, scores: [...NEUTRAL_ANALYSIS.scores] });
  });

  it('breaks ties in Plutchik order', () => {
    const a = scoreEmotions(cues({ raw: { ...none, TRUST: 1, JOY: 1 }, cueCount: 1 }), 0);
    expect(a.primary).toBe('JOY');
    expect(a.scores[1]?.emotion).toBe('TRUST');
  });

  it('keeps a single weak cue below the primary threshold', () => {
    const a = scoreEmotions(cues({ raw: { ...none, SADNESS: 0.5 }, cueCount: 1 }), 0);
    expect(a.scores[0]?.score).toBeLessThan(PRIMARY_MIN_SCORE);
    expect(a.primary).toBe('NEUTRAL');
    expect(a.valence).toBeLessThan(0);
  });

  it('falls back to VADER polarity only when the lexicon found nothing', () => {
    expect(scoreEmotions(cues(), 0.9).primary).toBe('JOY');
    expect(scoreEmotions(cues(), -0.9).primary).toBe('SADNESS');
    expect(scoreEmotions(cues({ cueCount: 1 }), 0.9).primary).toBe('NEUTRAL');
  });

  it('raises arousal with exclamation marks and shouting', () => {
    const calm = scoreEmotions(cues({ raw: { ...none, JOY: 1 }, cueCount: 1 }), 0.5);
    const loud = scoreEmotions(cues({ raw: { ...none, JOY: 1 }, cueCount: 1, exclamations: 3, capsWords: 2 }), 0.5);
    expect(loud.arousal).toBeGreaterThan(calm.arousal + 0.2);
  });

  it('dilutes cues in long texts', () => {
    const short = scoreEmotions(cues({ raw: { ...none, FEAR: 1 }, cueCount: 1, wordCount: 10 }), 0);
    const long = scoreEmotions(cues({ raw: { ...none, FEAR: 1 }, cueCount: 1, wordCount: 400 }), 0);
    expect(long.scores[0]?.score).toBeLessThan(short.scores[0]?.score ?? 0);
  });
});
