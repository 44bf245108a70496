import type { EmotionAnalysis, PlutchikEmotion } from '../emotion/emotion.types.ts';
import { PLUTCHIK_EMOTIONS } from '../emotion/emotion.types.ts';

/** A hand-built analysis with one dominant emotion, for tests that must not depend on the lexicon. */
export function analysisOf(
  emotion: PlutchikEmotion | 'NEUTRAL',
  score: number,
  extra: Partial<Pick<EmotionAnalysis, 'valence' | 'arousal' | 'intensity'>> = {},
): EmotionAnalysis {
  const scores = PLUTCHIK_EMOTIONS.map((e) => ({ emotion: e, score: e === emotion ? score : 0 })).sort(
    (a, b) => b.score - a.score,
  );
  return { primary: emotion, intensity: score, valence: 0, arousal: 0.5, scores, ...extra };
}
