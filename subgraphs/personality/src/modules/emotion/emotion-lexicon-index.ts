import type { PlutchikEmotion } from './emotion.types.ts';
import { EMOTION_PHRASES, PLUTCHIK_LEXICON, STEM_EXCLUSIONS, TIER_WEIGHTS } from './plutchik-lexicon.ts';
import type { LexiconTier } from './plutchik-lexicon.ts';

export type CueWeights = Readonly<Partial<Record<PlutchikEmotion, number>>>;

export interface LexiconIndex {
  readonly words: ReadonlyMap<string, CueWeights>;
  /** Porter stems of the single-word entries, so inflected forms match. */
  readonly stems: ReadonlyMap<string, CueWeights>;
  /** Longest first, so "oh my god" wins over a shorter overlapping phrase. */
  readonly phrases: readonly { readonly tokens: readonly string[]; readonly cues: CueWeights }[];
  readonly stemExclusions: ReadonlySet<string>;
}

const VARIATION_SELECTOR = /\uFE0F/g;

/** Lower-cases and drops the emoji variation selector, which winkNLP splits off as its own token. */
export function normalizeKey(text: string): string {
  return text.replace(VARIATION_SELECTOR, '').toLowerCase();
}

const PLAIN_WORD = /^[a-z]+$/;
/**
 * Longest word handed to the stemmer: wink's stemmer is quadratic in word length (a 10,000-letter
 * token took seconds), and no lexicon entry comes anywhere near this length.
 */
export const MAX_STEMMED_WORD_CHARS = 40;

function mergeInto(
  map: Map<string, Partial<Record<PlutchikEmotion, number>>>,
  key: string,
  emotion: PlutchikEmotion,
  weight: number,
): void {
  const entry = map.get(key) ?? {};
  // A word listed in two tiers keeps its strongest reading rather than counting twice.
  entry[emotion] = Math.max(entry[emotion] ?? 0, weight);
  map.set(key, entry);
}

/** Builds the lookup tables once per analyzer; `stem` is the model's Porter stemmer. */
export function buildLexiconIndex(stem: (word: string) => string): LexiconIndex {
  const words = new Map<string, Partial<Record<PlutchikEmotion, number>>>();
  const stems = new Map<string, Partial<Record<PlutchikEmotion, number>>>();
  for (const [emotion, tiers] of Object.entries(PLUTCHIK_LEXICON) as [PlutchikEmotion, Partial<Record<LexiconTier, string>>][]) {
    for (const [tier, list] of Object.entries(tiers) as [LexiconTier, string][]) {
      for (const raw of list.split(/\s+/)) {
        const key = normalizeKey(raw);
        if (key === '') continue;
        mergeInto(words, key, emotion, TIER_WEIGHTS[tier]);
        if (PLAIN_WORD.test(key)) mergeInto(stems, stem(key), emotion, TIER_WEIGHTS[tier]);
      }
    }
  }
  const phrases = EMOTION_PHRASES.map((p) => ({ tokens: p.phrase.split(' '), cues: p.cues })).sort(
    (a, b) => b.tokens.length - a.tokens.length,
  );
  return { words, stems, phrases, stemExclusions: new Set(STEM_EXCLUSIONS) };
}

const LONG_RUN = /(.)\1{2,}/g;

/**
 * Spellings a stretched word ("happpyyy", "sooooo") may stand for: each run of three or more
 * repeated letters collapses to one or two. Capped so a pathological token stays cheap.
 */
export function squashVariants(word: string): string[] {
  const runs = [...word.matchAll(LONG_RUN)].slice(0, 4);
  if (runs.length === 0) return [];
  const variants: string[] = [];
  for (let mask = 0; mask < 1 << runs.length; mask++) {
    let out = '';
    let last = 0;
    runs.forEach((run, i) => {
      const start = run.index;
      const letter = run[1] ?? '';
      out += word.slice(last, start) + letter.repeat(mask & (1 << i) ? 2 : 1);
      last = start + run[0].length;
    });
    variants.push(out + word.slice(last));
  }
  return variants;
}

export function isElongated(word: string): boolean {
  return /([a-z])\1{2,}/i.test(word);
}

/** Exact entry first, then stretched spellings, then the stem (unless the word is a known collision). */
export function lookupCues(index: LexiconIndex, normal: string, stem: (word: string) => string): CueWeights | undefined {
  const exact = index.words.get(normal);
  if (exact) return exact;
  if (!PLAIN_WORD.test(normal)) return undefined;
  for (const variant of squashVariants(normal)) {
    const hit = index.words.get(variant);
    if (hit) return hit;
  }
  if (index.stemExclusions.has(normal) || normal.length > MAX_STEMMED_WORD_CHARS) return undefined;
  return index.stems.get(stem(normal));
}
