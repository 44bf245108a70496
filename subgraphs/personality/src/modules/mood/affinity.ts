import type { EmotionAnalysis } from '../emotion/emotion.types.ts';

export const AFFINITY_MIN = 0;
export const AFFINITY_MAX = 100;
/** Where a new relationship starts: friendly, with room to grow either way. */
export const INITIAL_AFFINITY = 50;

/** Adds `delta` and clamps to 0..100; a non-finite input leaves the value (or the start value). */
export function adjustAffinity(current: number, delta: number): number {
  const base = Number.isFinite(current) ? current : INITIAL_AFFINITY;
  const next = base + (Number.isFinite(delta) ? delta : 0);
  return Math.min(AFFINITY_MAX, Math.max(AFFINITY_MIN, next));
}

/**
 * How much one message moves affinity: warm, trusting messages raise it a little, hostile ones
 * lower it a little. Small steps (at most ±2) so the relationship changes over many exchanges.
 * Sadness and fear do not lower it: a user confiding in the companion is not a bad sign.
 */
export function affinityDeltaFor(analysis: EmotionAnalysis): number {
  const score = (emotion: string): number => analysis.scores.find((s) => s.emotion === emotion)?.score ?? 0;
  const warmth = score('TRUST') + 0.5 * score('JOY');
  const hostility = score('ANGER') + score('DISGUST');
  const confiding = 0.3 * Math.max(score('SADNESS'), score('FEAR'));
  // Anger is often about someone else ("my boss is a jerk"), so it weighs less than warmth.
  const delta = 1.5 * warmth - 0.75 * hostility + confiding;
  return Math.round(Math.min(2, Math.max(-2, delta)) * 100) / 100;
}
