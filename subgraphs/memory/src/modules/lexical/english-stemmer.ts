import { createEnglishStemmer, type Stemmer } from './text-terms.ts';

let shared: Stemmer | undefined;

/**
 * One stemmer per process: it is a pure function with a memo of words seen, so sharing it changes
 * no behaviour, and the wink model is unpacked once, on first use, not at import time.
 */
export function englishStemmer(): Stemmer {
  shared ??= createEnglishStemmer();
  return shared;
}
