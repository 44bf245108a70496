import type { EmotionAnalysis } from '../emotion/emotion.types.ts';
import type { CompanionMode, ModeSuggestion } from './mood.types.ts';

/** Thresholds on the primary emotion's score; entering a mode takes a clearer signal than staying. */
export const MODE_THRESHOLDS = {
  /** Distress strong enough to switch to SUPPORTIVE. */
  distress: 0.45,
  /** While FOCUSED, only stronger distress interrupts the task. */
  focusedDistress: 0.65,
  /** Exuberance needed for PLAYFUL. */
  playful: 0.6,
  /** Valence at which SUPPORTIVE hands back to CASUAL. */
  recovered: 0.3,
} as const;

const topScore = (analysis: EmotionAnalysis): number => analysis.scores[0]?.score ?? 0;

const DISTRESS_REASONS: Readonly<Partial<Record<string, string>>> = {
  SADNESS: 'user seems sad',
  FEAR: 'user seems anxious or afraid',
  ANGER: 'user seems angry or frustrated',
  DISGUST: 'user seems upset or repulsed',
};

function proposal(current: CompanionMode, analysis: EmotionAnalysis): { to: CompanionMode; reason: string } | null {
  const { primary } = analysis;
  const strength = topScore(analysis);
  const distress = DISTRESS_REASONS[primary];
  if (distress !== undefined) {
    const needed = current === 'FOCUSED' ? MODE_THRESHOLDS.focusedDistress : MODE_THRESHOLDS.distress;
    return strength >= needed ? { to: 'SUPPORTIVE', reason: distress } : null;
  }
  if (current === 'SUPPORTIVE') {
    // Stay supportive through neutral messages; only a clearly brighter message ends it.
    return analysis.valence >= MODE_THRESHOLDS.recovered ? { to: 'CASUAL', reason: 'user seems to feel better' } : null;
  }
  if (current === 'FOCUSED') return null;
  if ((primary === 'JOY' || primary === 'SURPRISE') && strength >= MODE_THRESHOLDS.playful && analysis.arousal >= 0.5) {
    return { to: 'PLAYFUL', reason: primary === 'JOY' ? 'user seems cheerful and excited' : 'user seems amazed' };
  }
  if (primary === 'TRUST' && strength >= MODE_THRESHOLDS.distress && analysis.arousal < 0.4) {
    return { to: 'REFLECTIVE', reason: 'user seems to be opening up' };
  }
  if (current === 'PLAYFUL' && primary === 'NEUTRAL' && analysis.intensity < 0.1) {
    return { to: 'CASUAL', reason: 'conversation has calmed down' };
  }
  return null;
}

/**
 * Suggests a mode change after a user message, or null to stay. FOCUSED is only ever entered by
 * the user (setMode); the analysis of one message cannot tell that they want to get work done.
 */
export function suggestMode(current: CompanionMode, analysis: EmotionAnalysis): ModeSuggestion | null {
  const next = proposal(current, analysis);
  return next && next.to !== current ? { from: current, ...next } : null;
}
