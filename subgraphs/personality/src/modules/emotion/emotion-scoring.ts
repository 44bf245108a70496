import type { EmotionAnalysis, EmotionScore, PlutchikEmotion } from './emotion.types.ts';
import { PLUTCHIK_EMOTIONS } from './emotion.types.ts';
import type { CueExtraction } from './emotion-cues.ts';

/** How pleasant (-1..1) and how activating (0..1) each emotion is, after Russell and Mehrabian. */
export const EMOTION_VALENCE: Readonly<Record<PlutchikEmotion, number>> = {
  JOY: 1,
  TRUST: 0.7,
  FEAR: -0.7,
  SURPRISE: 0.1,
  SADNESS: -0.8,
  DISGUST: -0.7,
  ANGER: -0.8,
  ANTICIPATION: 0.4,
};
export const EMOTION_AROUSAL: Readonly<Record<PlutchikEmotion, number>> = {
  JOY: 0.6,
  TRUST: 0.3,
  FEAR: 0.8,
  SURPRISE: 0.85,
  SADNESS: 0.25,
  DISGUST: 0.5,
  ANGER: 0.9,
  ANTICIPATION: 0.6,
};

/** Below this score the text is NEUTRAL: a single mild word ("okay") should not set the tone. */
export const PRIMARY_MIN_SCORE = 0.33;
const SATURATION = 0.7;
// Words beyond this count dilute each cue, so a long rant is not automatically maximal.
const DENSITY_WORDS = 40;
// VADER stands in for the lexicon only when the lexicon found nothing at all.
const VADER_FALLBACK_MIN = 0.3;

export const NEUTRAL_ANALYSIS: EmotionAnalysis = Object.freeze({
  primary: 'NEUTRAL',
  intensity: 0,
  valence: 0,
  arousal: 0,
  scores: Object.freeze(PLUTCHIK_EMOTIONS.map((emotion) => Object.freeze({ emotion, score: 0 }))),
});

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Number.isFinite(x) ? x : 0));
const round3 = (x: number): number => Math.round(x * 1000) / 1000 + 0;

/** Combines lexicon cues with VADER's compound polarity (-1..1) into the API's analysis. */
export function scoreEmotions(cues: CueExtraction, compound: number): EmotionAnalysis {
  const polarity = clamp(compound, -1, 1);
  const emphasis = 1 + 0.1 * Math.min(cues.exclamations, 4);
  const density = cues.wordCount > DENSITY_WORDS ? Math.sqrt(DENSITY_WORDS / cues.wordCount) : 1;
  const raw = { ...cues.raw };
  if (cues.cueCount === 0 && Math.abs(polarity) >= VADER_FALLBACK_MIN) {
    raw[polarity > 0 ? 'JOY' : 'SADNESS'] += Math.abs(polarity) * 0.8;
  }

  const scored = PLUTCHIK_EMOTIONS.map((emotion, order) => {
    const strength = Math.max(0, raw[emotion]) * emphasis * density;
    return { emotion, order, score: 1 - Math.exp(-strength * SATURATION) };
  }).sort((a, b) => b.score - a.score || a.order - b.order);

  const total = scored.reduce((sum, s) => sum + s.score, 0);
  const top = scored[0];
  const topScore = top?.score ?? 0;
  const lexValence = total > 0 ? scored.reduce((v, s) => v + s.score * EMOTION_VALENCE[s.emotion], 0) / total : 0;
  const lexArousal = total > 0 ? scored.reduce((v, s) => v + s.score * EMOTION_AROUSAL[s.emotion], 0) / total : 0;

  // VADER is better at valence (it knows thousands of words), the lexicon at which emotion.
  const lexSignal = lexValence * topScore;
  const valence = polarity === 0 ? lexSignal : total === 0 ? polarity : 0.6 * polarity + 0.4 * lexSignal;
  const intensity = 0.6 * topScore + 0.4 * Math.abs(polarity);
  const capsShare = cues.wordCount > 0 ? cues.capsWords / cues.wordCount : 0;
  const arousal =
    lexArousal * (0.4 + 0.6 * topScore) +
    0.07 * Math.min(cues.exclamations, 4) +
    0.15 * capsShare +
    0.05 * Math.min(cues.elongatedWords, 2);

  const scores: EmotionScore[] = scored.map(({ emotion, score }) => ({ emotion, score: round3(score) }));
  return {
    primary: top && topScore >= PRIMARY_MIN_SCORE ? top.emotion : 'NEUTRAL',
    intensity: round3(clamp(intensity, 0, 1)),
    valence: round3(clamp(valence, -1, 1)),
    arousal: round3(clamp(arousal, 0, 1)),
    scores,
  };
}
