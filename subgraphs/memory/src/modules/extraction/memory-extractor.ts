import type { MemoryKind } from '../memory/memory.entity.ts';
import { type EnglishAnalyser, sharedEnglishAnalyser, type Token } from './english-analyser.ts';
import { EXTRACTION_RULES } from './extraction-rules.ts';
import { render } from './english-analyser.ts';
import { dateInText } from './text-date.ts';

/** A memory the extractor proposes from one user message, in the user's own (first-person) words. */
export interface CandidateMemory {
  content: string;
  kind: Exclude<MemoryKind, 'REFLECTION'>;
  importance: number;
  /** When it happens or happened, from a date in the text read relative to the message's time; absent when none. */
  occurredAt?: Date;
}

/** Memories taken from one message at most; longer clauses are not facts but stories. */
export const MAX_CANDIDATES = 5;
const MAX_CLAUSE_CHARS = 200;
const MAX_MESSAGE_CHARS = 4_000;

// Openers that carry no content ("by the way, ..."), as token sequences.
const FILLERS = [
  'by the way',
  'fun fact',
  'just so you know',
  'guess what',
  'to be honest',
  'btw',
  'well',
  'oh',
  'so',
  'also',
  'and',
  'but',
  'actually',
  'anyway',
  'honestly',
  'hey',
  'ok',
  'okay',
  'yeah',
  'yes',
  'hi',
  'hello',
].map((filler) => filler.split(' '));
const QUESTION_WORDS = new Set('what who whom whose where when why how which'.split(' '));
// a wish, a condition or a maybe is not a fact about the user
const HYPOTHETICAL = new Set(
  'if would could might should imagine suppose supposing pretend wish hypothetically unless maybe perhaps'.split(' '),
);

function stripFillers(tokens: Token[]): Token[] {
  let rest = tokens;
  for (let changed = true; changed; ) {
    changed = false;
    while (rest[0]?.pos === 'PUNCT' || rest[0]?.pos === 'SYM') rest = rest.slice(1);
    for (const filler of FILLERS) {
      if (filler.every((w, i) => rest[i]?.lower === w)) {
        rest = rest.slice(filler.length);
        changed = true;
        break;
      }
    }
  }
  let end = rest.length;
  while (end > 0 && (rest[end - 1]?.pos === 'PUNCT' || rest[end - 1]?.pos === 'SYM' || rest[end - 1]?.lower === '…')) end--;
  return rest.slice(0, end);
}

/** A statement the rules may read; null for questions, wishes and conditions. */
function statementOf(tokens: Token[], question: boolean): Token[] | null {
  if (question) return null;
  const statement = stripFillers(tokens);
  const first = statement[0];
  if (!first || first.pos === 'AUX' || QUESTION_WORDS.has(first.lower)) return null;
  if (statement.some((token) => HYPOTHETICAL.has(token.lower))) return null;
  if (render(statement).length > MAX_CLAUSE_CHARS) return null;
  return statement;
}

/**
 * Extraction of durable facts about the user from one of their messages, on wink-nlp's sentence,
 * part-of-speech and date analysis: names, pets, family, work, places, likes and dislikes, plans
 * with dates. Deterministic and offline; it errs on the side of remembering nothing (questions,
 * wishes, negated facts, "I love you"). `saidAt` (the message's time) anchors relative dates.
 */
export function extractMemories(
  text: string,
  saidAt: Date = new Date(),
  analyse: EnglishAnalyser = sharedEnglishAnalyser(),
): CandidateMemory[] {
  const found = new Map<string, CandidateMemory>();
  for (const clause of analyse(text.slice(0, MAX_MESSAGE_CHARS))) {
    const statement = statementOf(clause.tokens, clause.question);
    if (!statement) continue;
    for (const rule of EXTRACTION_RULES) {
      const hit = rule(statement);
      if (!hit) continue;
      const when = hit.dated ? dateInText(hit.content, saidAt) : null;
      found.set(hit.content.toLowerCase(), {
        content: hit.content,
        kind: hit.kind,
        importance: hit.importance,
        ...(when ? { occurredAt: when } : {}),
      });
      break;
    }
    if (found.size >= MAX_CANDIDATES) break;
  }
  return [...found.values()];
}
