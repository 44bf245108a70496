// Pairs are matched case-insensitively on whole words; longer phrases first so "I am" wins over "I".
const FIRST_PERSON: readonly [RegExp, string][] = [
  [/\bi am\b/giu, 'you are'],
  [/\bi['’]m\b/giu, "you're"],
  [/\bi was\b/giu, 'you were'],
  [/\bi['’]ve\b/giu, "you've"],
  [/\bi['’]ll\b/giu, "you'll"],
  [/\bi['’]d\b/giu, "you'd"],
  [/\bmyself\b/giu, 'yourself'],
  [/\bmine\b/giu, 'yours'],
  [/\bmy\b/giu, 'your'],
  [/\bme\b/giu, 'you'],
  [/\bi\b/giu, 'you'],
  [/\bwe\b/giu, 'you'],
  [/\bour\b/giu, 'your'],
];

const IRREGULAR: Record<string, string> = { is: 'are', was: 'were', has: 'have', does: 'do', goes: 'go' };

/** "likes" → "like", "studies" → "study", "watches" → "watch": the verb after a new "you". */
function unconjugate(verb: string): string {
  const lower = verb.toLowerCase();
  const irregular = IRREGULAR[lower];
  if (irregular) return irregular;
  if (lower.length > 4 && lower.endsWith('ies')) return `${verb.slice(0, -3)}y`;
  if (/(sh|ch|x|ss|zz)es$/u.test(lower)) return verb.slice(0, -2);
  if (lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss')) return verb.slice(0, -1);
  return verb;
}

// Words that can follow "the user" without being a verb that needs changing.
const NOT_A_VERB = new Set(['and', 'or', 'also', 'often', 'always', 'never', 'usually', 'really', 'once']);

/**
 * Rewrites a stored memory so the companion can say it to the user: first person
 * ("my cat is called Miso") and third person about the user ("User's cat is named Miso",
 * "The user likes tea") both become second person ("your cat…", "you like tea").
 */
export function toSecondPerson(text: string): string {
  let result = text.trim();
  result = result.replace(/\b(?:the )?user['’]s\b/giu, 'your');
  result = result.replace(/\b(?:the )?user (\p{L}+)/giu, (_match, next: string) =>
    NOT_A_VERB.has(next.toLowerCase()) ? `you ${next}` : `you ${unconjugate(next)}`,
  );
  for (const [pattern, replacement] of FIRST_PERSON) result = result.replace(pattern, replacement);
  return result;
}

/** A sentence fragment with its first letter lowered unless it starts a proper noun. */
export function asClause(text: string): string {
  const trimmed = text.trim().replace(/[.!?\s]+$/u, '');
  return /^(your|you|you're|you've|you'll|you'd)\b/iu.test(trimmed)
    ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1)
    : trimmed;
}
