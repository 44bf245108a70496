import type { MemoryKind } from '../memory/memory.entity.ts';

/** A memory the extractor proposes from one user message, in the user's own (first-person) words. */
export interface CandidateMemory {
  content: string;
  kind: Exclude<MemoryKind, 'REFLECTION'>;
  importance: number;
}

/** Memories taken from one message at most; longer clauses are not facts but stories. */
export const MAX_CANDIDATES = 5;
const MAX_CLAUSE_CHARS = 200;

const RELATIONS =
  'mom|mum|mother|dad|father|parents|sister|brother|wife|husband|partner|boyfriend|girlfriend|best friend|friend|boss|son|daughter|grandma|grandmother|grandpa|grandfather|aunt|uncle|cousin|colleague|roommate';
const RELATION = new RegExp(`^(?:${RELATIONS})$`, 'iu');
// Openers that carry no content ("by the way, ...").
const FILLER =
  /^(?:(?:by the way|btw|well|oh|so|also|and|but|actually|anyway|fun fact|just so you know|guess what|hey|ok|okay|yeah|yes)\b[\s,:;!-]*)+/iu;
const QUESTION_START =
  /^(?:do|does|did|are|is|am|can|could|would|will|should|shall|what|who|whom|whose|where|when|why|how|have|has|which)\b/iu;
// "I love you", "I like that": about the conversation, not the user.
const BARE_OBJECT = /^(?:you|u|it|that|this|them|him|her|these|those|so|too)\b/iu;
const NOT_A_ROLE = /^(?:bit|little|lot|tad|mess|wreck|fan)\b/iu;
const WHEN = 'today|tomorrow|tonight|this (?:morning|afternoon|evening|weekend)|next (?:week|month)|on \\p{L}+day';

type Rule = [RegExp, (match: RegExpMatchArray) => CandidateMemory | null];

const sentenceCase = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const memory = (content: string, kind: CandidateMemory['kind'], importance: number): CandidateMemory => ({
  content: sentenceCase(content),
  kind,
  importance,
});
const named = (what: string, name: string): CandidateMemory =>
  memory(`my ${what} is called ${name}`, RELATION.test(what) ? 'RELATIONSHIP' : 'FACT', 0.8);

// First match wins, so the more specific rules come first.
const RULES: Rule[] = [
  [/^my name is (\p{L}[\p{L}' -]{0,40})$/iu, (m) => memory(`my name is ${m[1]}`, 'FACT', 0.9)],
  [/^my ([\p{L} ]{1,40}?)(?:'s|’s) name is (\p{L}[\p{L}\p{N}' -]{0,40})$/iu, (m) => named(m[1] ?? '', m[2] ?? '')],
  [/^my ([\p{L} ]{1,40}?) is (?:called|named) (\p{L}[\p{L}\p{N}' -]{0,40})$/iu, (m) => named(m[1] ?? '', m[2] ?? '')],
  [/^my birthday is (.+)$/iu, (m) => memory(`my birthday is ${m[1]}`, 'EVENT', 0.9)],
  [new RegExp(`^my (${RELATIONS})\\b(.+)$`, 'iu'), (m) => memory(m[0], 'RELATIONSHIP', 0.7)],
  [
    /^i (?:do not|don't|dont|never|really don't) (?:really )?(?:like|love|enjoy)\b(.+)$/iu,
    (m) => memory(m[0], 'PREFERENCE', 0.6),
  ],
  [
    /^i (?:really |absolutely |just |truly )?(?:hate|dislike|detest|loathe|can't stand|cannot stand|can not stand) (.+)$/iu,
    (m) => (BARE_OBJECT.test(m[1] ?? '') ? null : memory(m[0], 'PREFERENCE', 0.6)),
  ],
  [
    /^i (?:really |absolutely |just |also |totally |truly )?(?:love|like|enjoy|adore) (.+)$/iu,
    (m) => (BARE_OBJECT.test(m[1] ?? '') ? null : memory(m[0], 'PREFERENCE', 0.6)),
  ],
  [/^i work as (.+)$/iu, (m) => memory(m[0], 'FACT', 0.7)],
  [
    /^(?:i am|i'm|im|i’m) (?:a|an) (\p{L}[\p{L} -]{1,40})$/iu,
    (m) => (NOT_A_ROLE.test(m[1] ?? '') ? null : memory(m[0], 'FACT', 0.7)),
  ],
  [/^i (?:live in|moved to|grew up in) (.+)$/iu, (m) => memory(m[0], 'FACT', 0.7)],
  [/^(?:i am|i'm|im|i’m) from (.+)$/iu, (m) => memory(m[0], 'FACT', 0.7)],
  [new RegExp(`^(?:${WHEN}),? i have (.+)$`, 'iu'), (m) => memory(m[0], 'EVENT', 0.7)],
  [new RegExp(`^i have (.+) (?:${WHEN})$`, 'iu'), (m) => memory(m[0], 'EVENT', 0.7)],
];

/** Sentences, then clauses joined by "and"/"but" when a new first-person statement starts. */
function clauses(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+|;\s*/u)
    .flatMap((sentence) => sentence.split(/,?\s+(?:and|but)\s+(?=(?:i|i'm|i’m|my)\b)/iu))
    .map((clause) => clause.trim())
    .filter((clause) => clause.length > 0);
}

/** The clause without its opener and closing punctuation; null for questions. */
function statementOf(clause: string): string | null {
  if (/\?\s*$/u.test(clause)) return null;
  const stripped = clause
    .replace(FILLER, '')
    .replace(/[\s.!…]+$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (stripped.length === 0 || stripped.length > MAX_CLAUSE_CHARS || QUESTION_START.test(stripped)) return null;
  return stripped;
}

/**
 * Heuristic extraction of durable facts about the user from one of their messages: names,
 * likes and dislikes, job, home, birthday, people in their life, upcoming events. Deterministic
 * and offline; it errs on the side of remembering nothing (questions, "I love you", vague talk).
 */
export function extractMemories(text: string): CandidateMemory[] {
  const found = new Map<string, CandidateMemory>();
  for (const clause of clauses(text.slice(0, 4_000))) {
    const statement = statementOf(clause);
    if (!statement) continue;
    for (const [pattern, build] of RULES) {
      const match = statement.match(pattern);
      if (!match) continue;
      const candidate = build(match);
      if (candidate) found.set(candidate.content.toLowerCase(), candidate);
      break;
    }
    if (found.size >= MAX_CANDIDATES) break;
  }
  return [...found.values()];
}
