import type { PlutchikEmotion } from './emotion.types.ts';
import { PLUTCHIK_EMOTIONS } from './emotion.types.ts';
import { isElongated, lookupCues, normalizeKey } from './emotion-lexicon-index.ts';
import type { CueWeights, LexiconIndex } from './emotion-lexicon-index.ts';
import { DIMINISHERS, INTENSIFIERS, TRAILING_INTENSIFIERS } from './plutchik-lexicon.ts';

/** One token as the tokenizer saw it; `negated` is winkNLP's negation flag. */
export interface TokenInfo {
  readonly normal: string;
  readonly value: string;
  readonly type: string;
  readonly negated: boolean;
}

export interface CueExtraction {
  readonly raw: Readonly<Record<PlutchikEmotion, number>>;
  /** Lexicon hits, including negated ones that end up contributing nothing. */
  readonly cueCount: number;
  readonly wordCount: number;
  readonly capsWords: number;
  readonly elongatedWords: number;
  readonly exclamations: number;
}

// "Not happy" reads as sad and "I don't trust you" as wary, but "not sad" rarely means happy:
// negated negative emotions are dropped rather than flipped to their Plutchik opposite.
const NEGATION_SHIFT: Readonly<Record<PlutchikEmotion, PlutchikEmotion | null>> = {
  JOY: 'SADNESS',
  TRUST: 'FEAR',
  ANTICIPATION: 'SADNESS',
  SURPRISE: null,
  SADNESS: null,
  FEAR: null,
  ANGER: null,
  DISGUST: null,
};
const NEGATED_WEIGHT = 0.7;
const CAPS_BOOST = 1.3;
const ELONGATION_BOOST = 1.2;
const NEGATORS = new Set(['not', 'no', 'never']);

const isBoundary = (t: TokenInfo | undefined): boolean => t === undefined || t.type === 'punctuation';
// Own-property lookups: a token like "constructor" must not find Object.prototype members.
const own = (table: Readonly<Record<string, number>>, key: string): number | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;
const isModifier = (n: string): boolean =>
  own(INTENSIFIERS, n) !== undefined || own(DIMINISHERS, n) !== undefined || own(TRAILING_INTENSIFIERS, n) !== undefined;

/** Shouting: at least two letters and no lower-case ones ("SO", "HAPPY", not "I" or "2"). */
export function isShouted(value: string): boolean {
  const letters = value.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** Weight multiplier from the words around a cue spanning tokens [start, end). */
function modifierFactor(tokens: readonly TokenInfo[], start: number, end: number): number {
  let boost = 0;
  let damp = 1;
  for (let i = start - 1; i >= start - 2 && !isBoundary(tokens[i]); i--) {
    const t = tokens[i];
    if (!t) break;
    const up = own(INTENSIFIERS, t.normal);
    if (up !== undefined) boost += isShouted(t.value) ? up * 1.5 : up;
    damp *= own(DIMINISHERS, t.normal) ?? 1;
  }
  for (let i = end; i < end + 3 && !isBoundary(tokens[i]); i++) boost += own(TRAILING_INTENSIFIERS, tokens[i]?.normal ?? '') ?? 0;
  return (1 + Math.min(boost, 1.2)) * damp;
}

function addCues(raw: Record<PlutchikEmotion, number>, cues: CueWeights, factor: number, negated: boolean): void {
  for (const emotion of PLUTCHIK_EMOTIONS) {
    const weight = cues[emotion];
    if (weight === undefined) continue;
    const target = negated ? NEGATION_SHIFT[emotion] : emotion;
    if (target) raw[target] += weight * factor * (negated ? NEGATED_WEIGHT : 1);
  }
}

function endNegationScope(tokens: TokenInfo[], from: number): void {
  for (let k = from; k < tokens.length && !isBoundary(tokens[k]); k++) {
    const t = tokens[k];
    if (t) tokens[k] = { ...t, negated: false };
  }
}

function matchPhrase(tokens: readonly TokenInfo[], at: number, index: LexiconIndex) {
  return index.phrases.find((p) => p.tokens.every((word, k) => tokens[at + k]?.normal === word));
}

/** Sums lexicon cues per emotion, applying phrases, negation, intensifiers and emphasis. */
export function extractCues(input: readonly TokenInfo[], index: LexiconIndex, stem: (word: string) => string): CueExtraction {
  // Hyphens and bare variation selectors carry no meaning but would break phrases ("heart-broken").
  const tokens: TokenInfo[] = input
    .map((t) => ({ ...t, normal: normalizeKey(t.normal) }))
    .filter((t) => t.normal !== '' && t.normal !== '-');
  const raw: Record<PlutchikEmotion, number> = {
    JOY: 0,
    TRUST: 0,
    FEAR: 0,
    SURPRISE: 0,
    SADNESS: 0,
    DISGUST: 0,
    ANGER: 0,
    ANTICIPATION: 0,
  };
  let cueCount = 0;
  let wordCount = 0;
  let capsWords = 0;
  let elongatedWords = 0;
  let exclamations = 0;
  for (const t of tokens) {
    if (t.normal === '!') exclamations++;
    if (t.type !== 'word') continue;
    wordCount++;
    if (isShouted(t.value)) capsWords++;
    if (isElongated(t.value)) elongatedWords++;
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    const phrase = matchPhrase(tokens, i, index);
    if (phrase) {
      const negated = token.negated && !phrase.tokens.some((w) => NEGATORS.has(w));
      addCues(raw, phrase.cues, modifierFactor(tokens, i, i + phrase.tokens.length), negated);
      cueCount++;
      const end = i + phrase.tokens.length;
      // A phrase that owns its negator ("can not wait", "no way") ends that negation's scope.
      if (phrase.tokens.some((w) => NEGATORS.has(w))) endNegationScope(tokens, end);
      i = end - 1;
      continue;
    }
    if (token.type === 'punctuation' || isModifier(token.normal)) continue;
    const cues = lookupCues(index, token.normal, stem);
    if (!cues) continue;
    cueCount++;
    let factor = modifierFactor(tokens, i, i + 1);
    if (isShouted(token.value)) factor *= CAPS_BOOST;
    if (isElongated(token.value)) factor *= ELONGATION_BOOST;
    // Emoji are not negated by a preceding "no": "no way 😭" still cries.
    addCues(raw, cues, factor, token.negated && token.type === 'word');
  }
  return { raw, cueCount, wordCount, capsWords, elongatedWords, exclamations };
}
