import type { Emotion, EmotionAnalysis, PlutchikEmotion } from '../emotion/emotion.types.ts';
import { PLUTCHIK_EMOTIONS } from '../emotion/emotion.types.ts';
import type { PadVector } from './mood.types.ts';

/**
 * Where each Plutchik emotion sits in PAD space, from Mehrabian's published ratings of the
 * nearest emotion terms (happy, fearful, surprised, sad, disgusted, angry); trust and
 * anticipation have no direct rating and are placed between "relaxed/grateful" and "hopeful/alert".
 */
export const EMOTION_PAD: Readonly<Record<PlutchikEmotion, PadVector>> = {
  JOY: { pleasure: 0.76, arousal: 0.48, dominance: 0.35 },
  TRUST: { pleasure: 0.55, arousal: -0.15, dominance: 0.1 },
  FEAR: { pleasure: -0.64, arousal: 0.6, dominance: -0.43 },
  SURPRISE: { pleasure: 0.4, arousal: 0.67, dominance: -0.13 },
  SADNESS: { pleasure: -0.63, arousal: -0.27, dominance: -0.33 },
  DISGUST: { pleasure: -0.6, arousal: 0.35, dominance: 0.11 },
  ANGER: { pleasure: -0.51, arousal: 0.59, dominance: 0.25 },
  ANTICIPATION: { pleasure: 0.25, arousal: 0.45, dominance: 0.15 },
};

/** Moods closer than this to the origin are labelled NEUTRAL. */
export const NEUTRAL_RADIUS = 0.25;

const clampAxis = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(-1, x)) : 0);

export function clampPad(pad: PadVector): PadVector {
  return { pleasure: clampAxis(pad.pleasure), arousal: clampAxis(pad.arousal), dominance: clampAxis(pad.dominance) };
}

const lerp = (from: PadVector, to: PadVector, t: number): PadVector =>
  clampPad({
    pleasure: from.pleasure + (to.pleasure - from.pleasure) * t,
    arousal: from.arousal + (to.arousal - from.arousal) * t,
    dominance: from.dominance + (to.dominance - from.dominance) * t,
  });

export function padDistance(a: PadVector, b: PadVector): number {
  return Math.hypot(a.pleasure - b.pleasure, a.arousal - b.arousal, a.dominance - b.dominance);
}

/**
 * Relaxes `mood` toward `baseline` exponentially: after one half-life the distance has halved.
 * Computed from elapsed time rather than per tick, so it can be applied lazily on read.
 */
export function decayMood(mood: PadVector, baseline: PadVector, elapsedMs: number, halfLifeMs: number): PadVector {
  if (!(elapsedMs > 0)) return clampPad(mood);
  if (!(halfLifeMs > 0)) return clampPad(baseline);
  const remaining = 0.5 ** (elapsedMs / halfLifeMs);
  return lerp(clampPad(baseline), clampPad(mood), remaining);
}

/** The PAD point an analysis points at: the score-weighted mix of its emotions' positions. */
export function stimulusOf(analysis: EmotionAnalysis): PadVector | null {
  let total = 0;
  let p = 0;
  let a = 0;
  let d = 0;
  for (const { emotion, score } of analysis.scores) {
    if (emotion === 'NEUTRAL' || !(score > 0)) continue;
    const pad = EMOTION_PAD[emotion];
    total += score;
    p += pad.pleasure * score;
    a += pad.arousal * score;
    d += pad.dominance * score;
  }
  if (total === 0) return null;
  return { pleasure: p / total, arousal: a / total, dominance: d / total };
}

/**
 * Moves `mood` toward the emotion a user message expresses (emotional contagion). The step is
 * `weight` (0..1, how impressionable the companion is) times the message's intensity, so the
 * result stays a blend of the two points and can never overshoot the range.
 */
export function applyEmotion(mood: PadVector, analysis: EmotionAnalysis, weight: number): PadVector {
  const target = stimulusOf(analysis);
  const step = Math.min(1, Math.max(0, weight)) * Math.min(1, Math.max(0, analysis.intensity));
  if (!target || !(step > 0)) return clampPad(mood);
  return lerp(clampPad(mood), target, step);
}

/**
 * Names a mood with the Plutchik emotion whose PAD direction is closest (cosine similarity);
 * direction rather than distance, so a mild mood is still "mildly joyful", not NEUTRAL.
 */
export function labelMood(pad: PadVector, neutralRadius: number = NEUTRAL_RADIUS): Emotion {
  const mood = clampPad(pad);
  const norm = padDistance(mood, { pleasure: 0, arousal: 0, dominance: 0 });
  if (norm < neutralRadius) return 'NEUTRAL';
  let best: Emotion = 'NEUTRAL';
  let bestSimilarity = -Infinity;
  for (const emotion of PLUTCHIK_EMOTIONS) {
    const e = EMOTION_PAD[emotion];
    const dot = mood.pleasure * e.pleasure + mood.arousal * e.arousal + mood.dominance * e.dominance;
    const similarity = dot / (norm * Math.hypot(e.pleasure, e.arousal, e.dominance));
    if (similarity > bestSimilarity) {
      bestSimilarity = similarity;
      best = emotion;
    }
  }
  return best;
}
