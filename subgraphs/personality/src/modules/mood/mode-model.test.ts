import { describe, expect, it } from 'vitest';
import { analysisOf } from './mood-test-support.ts';
import { suggestMode } from './mode-model.ts';

describe('suggestMode', () => {
  it('switches to SUPPORTIVE on strong sadness or fear, with a reason', () => {
    expect(suggestMode('CASUAL', analysisOf('SADNESS', 0.7))).toEqual({
      from: 'CASUAL',
      to: 'SUPPORTIVE',
      reason: 'user seems sad',
    });
    expect(suggestMode('PLAYFUL', analysisOf('FEAR', 0.6))?.reason).toBe('user seems anxious or afraid');
  });

  it('ignores mild distress, and needs more to interrupt FOCUSED', () => {
    expect(suggestMode('CASUAL', analysisOf('SADNESS', 0.3))).toBeNull();
    expect(suggestMode('FOCUSED', analysisOf('FEAR', 0.5))).toBeNull();
    expect(suggestMode('FOCUSED', analysisOf('FEAR', 0.8))?.to).toBe('SUPPORTIVE');
    expect(suggestMode('FOCUSED', analysisOf('JOY', 0.9, { arousal: 0.9 }))).toBeNull();
  });

  it('returns null when already in the suggested mode', () => {
    expect(suggestMode('SUPPORTIVE', analysisOf('SADNESS', 0.9))).toBeNull();
  });

  it('leaves SUPPORTIVE only once the user clearly feels better', () => {
    expect(suggestMode('SUPPORTIVE', analysisOf('NEUTRAL', 0))).toBeNull();
    expect(suggestMode('SUPPORTIVE', analysisOf('JOY', 0.6, { valence: 0.6 }))?.to).toBe('CASUAL');
  });

  it('turns PLAYFUL on excited joy and REFLECTIVE on calm trust', () => {
    expect(suggestMode('CASUAL', analysisOf('JOY', 0.8, { arousal: 0.7 }))?.to).toBe('PLAYFUL');
    expect(suggestMode('CASUAL', analysisOf('JOY', 0.8, { arousal: 0.3 }))).toBeNull();
    expect(suggestMode('CASUAL', analysisOf('TRUST', 0.6, { arousal: 0.2 }))?.to).toBe('REFLECTIVE');
    expect(suggestMode('PLAYFUL', analysisOf('NEUTRAL', 0))?.to).toBe('CASUAL');
  });
});
