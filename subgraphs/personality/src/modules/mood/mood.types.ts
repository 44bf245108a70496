/**
 * The companion's mood in Mehrabian's PAD space. All three axes run -1..1 (the classic PAD
 * convention, so 0 is a neutral resting point); note that EmotionAnalysis.arousal is 0..1 instead.
 */
export interface PadVector {
  /** -1 (displeasure) .. 1 (pleasure) */
  readonly pleasure: number;
  /** -1 (calm, sleepy) .. 1 (excited, agitated) */
  readonly arousal: number;
  /** -1 (submissive, overwhelmed) .. 1 (in control) */
  readonly dominance: number;
}

export const NEUTRAL_PAD: PadVector = Object.freeze({ pleasure: 0, arousal: 0, dominance: 0 });

/** The API's `CompanionMode` values. */
export const COMPANION_MODES = ['CASUAL', 'SUPPORTIVE', 'PLAYFUL', 'FOCUSED', 'REFLECTIVE'] as const;
export type CompanionMode = (typeof COMPANION_MODES)[number];

export function isCompanionMode(value: unknown): value is CompanionMode {
  return typeof value === 'string' && (COMPANION_MODES as readonly string[]).includes(value);
}

/** A proposed mode change; the caller stamps it with a time when it applies it. */
export interface ModeSuggestion {
  readonly from: CompanionMode;
  readonly to: CompanionMode;
  /** Human-readable, shown in `ModeTransition.reason`. */
  readonly reason: string;
}
