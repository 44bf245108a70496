/** Plutchik's eight basic emotions, in the wheel's canonical order (also the tie-break order). */
export const PLUTCHIK_EMOTIONS = ['JOY', 'TRUST', 'FEAR', 'SURPRISE', 'SADNESS', 'DISGUST', 'ANGER', 'ANTICIPATION'] as const;

/** Every value of the API's `Emotion` enum: the eight Plutchik emotions plus NEUTRAL. */
export const EMOTIONS = [...PLUTCHIK_EMOTIONS, 'NEUTRAL'] as const;

export type PlutchikEmotion = (typeof PLUTCHIK_EMOTIONS)[number];
export type Emotion = (typeof EMOTIONS)[number];

export interface EmotionScore {
  readonly emotion: Emotion;
  /** 0..1 */
  readonly score: number;
}

export interface EmotionAnalysis {
  /** The strongest emotion, or NEUTRAL when the text carries no emotional cue. */
  readonly primary: Emotion;
  /** 0..1: how strongly the emotion is expressed. */
  readonly intensity: number;
  /** -1..1: unpleasant to pleasant. */
  readonly valence: number;
  /** 0..1: calm to agitated. */
  readonly arousal: number;
  /** The eight Plutchik emotions, strongest first. */
  readonly scores: readonly EmotionScore[];
}

export function isEmotion(value: unknown): value is Emotion {
  return typeof value === 'string' && (EMOTIONS as readonly string[]).includes(value);
}

export function isPlutchikEmotion(value: unknown): value is PlutchikEmotion {
  return typeof value === 'string' && (PLUTCHIK_EMOTIONS as readonly string[]).includes(value);
}
