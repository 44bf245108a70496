// Words that carry no topic. "called"/"named" stay out of this list on purpose: they are weak
// but real evidence that a memory about a name answers a question about a name.
const STOPWORDS = new Set(
  (
    'a an the and or but if then so of to in on at by for with from about as into over ' +
    'i me my mine myself you your yours yourself we us our he him his she her it its they them their ' +
    'is am are was were be been being do does did have has had will would can could should shall may might must ' +
    'what whats which who whom whose when where why how that this these those there here ' +
    'not no yes just very really please tell know remember recall again still ever anything something ' +
    "user users user's hey hi hello oh ok okay"
  ).split(' '),
);

/** Lowercase word list, punctuation dropped, apostrophes kept inside words. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

/** A crude stemmer: enough for "cats" to meet "cat" and "user's" to meet "user". */
export function stem(word: string): string {
  const plain = word.replace(/['’]s$/u, '').replace(/['’]/gu, '');
  if (plain.length > 4 && plain.endsWith('ies')) return `${plain.slice(0, -3)}y`;
  if (plain.length > 3 && plain.endsWith('s') && !plain.endsWith('ss')) return plain.slice(0, -1);
  return plain;
}

/** The words of `text` that say what it is about, stemmed and de-duplicated. */
export function keywords(text: string): string[] {
  const result = new Set<string>();
  for (const word of words(text)) {
    if (STOPWORDS.has(word)) continue;
    const stemmed = stem(word);
    if (stemmed.length > 1 && !STOPWORDS.has(stemmed)) result.add(stemmed);
  }
  return [...result];
}

const QUESTION_START =
  /^(what|whats|what's|who|whom|whose|when|where|why|how|which|do|does|did|is|are|am|can|could|would|will|should|have|has|remember)\b/i;

export function isQuestion(text: string): boolean {
  return text.trim().endsWith('?') || QUESTION_START.test(text.trim());
}

const GREETING = /^(hi|hello|hey|hiya|howdy|yo|good (morning|afternoon|evening)|greetings)\b[\s!,.]*(\p{L}+[\s!.]*)?$/iu;

/** A bare greeting ("hi", "hello Miyu!"), not a greeting followed by a real message. */
export function isGreeting(text: string): boolean {
  return GREETING.test(text.trim());
}
