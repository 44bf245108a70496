import { createRequire } from 'node:module';
import { ENGLISH_STOP_WORDS } from './english-stop-words.ts';

/** Longest word handed to the stemmer (wink's stemmer is quadratic in word length). */
const MAX_WORD = 40;
/** Distinct terms kept per text; bounds the index rows of one memory and the work of one query. */
export const MAX_TERMS = 64;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const CLITIC = /['’](?:s|t|re|ll|ve|d|m)$/u;

export type Stemmer = (word: string) => string;

/**
 * The English (Porter 2) stemmer of wink-eng-lite-web-model. Loaded on first use (the model takes
 * ~150 ms to unpack), not at import time.
 */
export function createEnglishStemmer(): Stemmer {
  let stem: ((word: string) => unknown) | undefined;
  const cache = new Map<string, string>();
  return (word) => {
    const hit = cache.get(word);
    if (hit !== undefined) return hit;
    if (!stem) {
      const model = createRequire(import.meta.url)('wink-eng-lite-web-model') as { addons: { stem?: (w: string) => unknown } };
      if (typeof model.addons.stem !== 'function') throw new Error('wink-eng-lite-web-model: the stem addon is missing');
      stem = model.addons.stem;
    }
    const result = String(stem(word));
    if (cache.size > 50_000) cache.clear();
    cache.set(word, result);
    return result;
  };
}

/** Lower-cased words without clitics ("cat's" → "cat", "can't" → "can"), NFKC-normalised. */
export function words(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(WORD) ?? []).map((word) => word.replace(CLITIC, ''));
}

/** Stemmed content words of a text with their counts (stop words dropped), and how many there were. */
export function termsOf(text: string, stem: Stemmer): { terms: Map<string, number>; length: number } {
  const terms = new Map<string, number>();
  let length = 0;
  for (const word of words(text)) {
    if (word.length > MAX_WORD || ENGLISH_STOP_WORDS.has(word)) continue;
    const term = stem(word);
    length++;
    if (terms.size >= MAX_TERMS && !terms.has(term)) continue;
    terms.set(term, (terms.get(term) ?? 0) + 1);
  }
  return { terms, length };
}
