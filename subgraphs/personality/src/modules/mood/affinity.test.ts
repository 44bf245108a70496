import { describe, expect, it } from 'vitest';
import { adjustAffinity, affinityDeltaFor } from './affinity.ts';
import { analysisOf } from './mood-test-support.ts';

describe('adjustAffinity', () => {
  it('adds and clamps to 0..100', () => {
    expect(adjustAffinity(50, 2.5)).toBe(52.5);
    expect(adjustAffinity(99, 5)).toBe(100);
    expect(adjustAffinity(1, -5)).toBe(0);
    expect(adjustAffinity(Number.NaN, 1)).toBe(51);
    expect(adjustAffinity(40, Number.POSITIVE_INFINITY)).toBe(40);
  });
});

describe('affinityDeltaFor', () => {
  it('rises with warmth, falls with hostility, and never punishes confiding sadness', () => {
    expect(affinityDeltaFor(analysisOf('TRUST', 0.8))).toBeGreaterThan(0);
    expect(affinityDeltaFor(analysisOf('ANGER', 0.8))).toBeLessThan(0);
    expect(affinityDeltaFor(analysisOf('SADNESS', 0.9))).toBeGreaterThanOrEqual(0);
    expect(affinityDeltaFor(analysisOf('NEUTRAL', 0))).toBe(0);
    expect(Math.abs(affinityDeltaFor(analysisOf('TRUST', 1)))).toBeLessThanOrEqual(2);
  });
});
