import { describe, expect, it } from 'vitest';
import { PLUTCHIK_EMOTIONS } from '../emotion/emotion.types.ts';
import { EMOTION_PAD, applyEmotion, decayMood, labelMood, padDistance } from './mood-model.ts';
import { analysisOf } from './mood-test-support.ts';
import { NEUTRAL_PAD } from './mood.types.ts';
import type { PadVector } from './mood.types.ts';

const baseline: PadVector = { pleasure: 0.3, arousal: 0.1, dominance: 0.1 };
const upset: PadVector = { pleasure: -0.7, arousal: 0.6, dominance: -0.4 };
const HOUR = 3_600_000;

describe('decayMood', () => {
  it('halves the distance to the baseline after one half-life', () => {
    const after = decayMood(upset, baseline, HOUR, HOUR);
    expect(padDistance(after, baseline)).toBeCloseTo(padDistance(upset, baseline) / 2, 10);
    expect(after.pleasure).toBeCloseTo(-0.2, 10);
  });

  it('quarters it after two and composes over split intervals', () => {
    const once = decayMood(upset, baseline, 2 * HOUR, HOUR);
    const twice = decayMood(decayMood(upset, baseline, HOUR, HOUR), baseline, HOUR, HOUR);
    expect(padDistance(once, baseline)).toBeCloseTo(padDistance(upset, baseline) / 4, 10);
    expect(twice.arousal).toBeCloseTo(once.arousal, 10);
  });

  it('leaves the mood alone for no elapsed time and snaps to baseline without a half-life', () => {
    expect(decayMood(upset, baseline, 0, HOUR)).toEqual(upset);
    expect(decayMood(upset, baseline, -5, HOUR)).toEqual(upset);
    expect(decayMood(upset, baseline, HOUR, 0)).toEqual(baseline);
  });
});

describe('applyEmotion', () => {
  it('moves the mood toward the expressed emotion in proportion to weight and intensity', () => {
    const sad = analysisOf('SADNESS', 0.8);
    const light = applyEmotion(baseline, sad, 0.2);
    const heavy = applyEmotion(baseline, sad, 0.8);
    expect(light.pleasure).toBeLessThan(baseline.pleasure);
    expect(heavy.pleasure).toBeLessThan(light.pleasure);
    expect(padDistance(heavy, EMOTION_PAD.SADNESS)).toBeLessThan(padDistance(baseline, EMOTION_PAD.SADNESS));
  });

  it('raises pleasure and arousal on joy and stays within range at full weight', () => {
    const joyful = applyEmotion(NEUTRAL_PAD, analysisOf('JOY', 1), 1);
    expect(joyful).toEqual(EMOTION_PAD.JOY);
    const overdriven = applyEmotion({ pleasure: 1, arousal: 1, dominance: 1 }, analysisOf('ANGER', 1), 5);
    for (const axis of Object.values(overdriven)) expect(Math.abs(axis)).toBeLessThanOrEqual(1);
  });

  it('ignores neutral messages', () => {
    expect(applyEmotion(baseline, analysisOf('NEUTRAL', 0), 1)).toEqual(baseline);
  });
});

describe('labelMood', () => {
  it('labels each emotion prototype with its own emotion', () => {
    for (const emotion of PLUTCHIK_EMOTIONS) expect(labelMood(EMOTION_PAD[emotion])).toBe(emotion);
  });

  it('is NEUTRAL near the origin and names milder moods by direction', () => {
    expect(labelMood(NEUTRAL_PAD)).toBe('NEUTRAL');
    expect(labelMood({ pleasure: 0.1, arousal: -0.1, dominance: 0.05 })).toBe('NEUTRAL');
    expect(labelMood({ pleasure: -0.3, arousal: -0.15, dominance: -0.1 })).toBe('SADNESS');
    expect(labelMood(baseline)).toBe('JOY');
  });
});
