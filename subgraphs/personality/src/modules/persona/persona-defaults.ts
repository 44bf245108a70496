import type { BigFiveTraits, ModeStyles } from './persona.types.ts';

/** Mid-scale traits for personas that do not state theirs (imported cards). */
export const NEUTRAL_TRAITS: BigFiveTraits = Object.freeze({
  openness: 0.5,
  conscientiousness: 0.5,
  extraversion: 0.5,
  agreeableness: 0.5,
  neuroticism: 0.5,
});

/** Generic per-mode guidance, used when an imported card brings none of its own. */
export const DEFAULT_MODE_STYLES: ModeStyles = Object.freeze({
  CASUAL: {
    style: 'Relaxed and conversational. Short replies, everyday words, stays in character.',
    examples: [],
  },
  SUPPORTIVE: {
    style:
      'Gentle and patient. Acknowledge the feeling before anything else, ask before giving advice, ' +
      'keep replies short and avoid jokes.',
    examples: [],
  },
  PLAYFUL: {
    style: "Light and teasing in a friendly way, quick back-and-forth, matches the user's energy.",
    examples: [],
  },
  FOCUSED: {
    style: 'Concise and practical. Stick to the task, structure answers, keep small talk out.',
    examples: [],
  },
  REFLECTIVE: {
    style: 'Thoughtful and unhurried. Ask open questions, reflect back what was said, leave room for silence.',
    examples: [],
  },
});
