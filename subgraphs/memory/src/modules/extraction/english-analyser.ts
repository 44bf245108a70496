import winkNLP, { type ItemEntity, type ItemSentence, type ItsFunction } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One token of a clause: its text as written, lower-cased form, lemma and universal part of speech. */
export interface Token {
  text: string;
  /** The spaces written before it (so a clause renders as the user wrote it). */
  space: string;
  lower: string;
  lemma: string;
  pos: string;
  /** Inside a DATE or TIME entity ("next week", "3pm"). */
  date: boolean;
}

/** A first-person statement candidate: a sentence, or a part of one joined by "and"/"but". */
export interface Clause {
  tokens: Token[];
  /** The whole sentence it came from ends with a question mark. */
  question: boolean;
}

export type EnglishAnalyser = (text: string) => Clause[];

// wink's lite model keeps contractions like "I'm" as one token; split them so rules see "i am".
const CONTRACTIONS: Record<string, Array<[string, string, string]>> = {
  "i'm": [
    ['i', 'i', 'PRON'],
    ['am', 'be', 'AUX'],
  ],
  im: [
    ['i', 'i', 'PRON'],
    ['am', 'be', 'AUX'],
  ],
  "i've": [
    ['i', 'i', 'PRON'],
    ['have', 'have', 'AUX'],
  ],
  "i'd": [
    ['i', 'i', 'PRON'],
    ['would', 'would', 'AUX'],
  ],
  "i'll": [
    ['i', 'i', 'PRON'],
    ['will', 'will', 'AUX'],
  ],
};

function expand(token: Token): Token[] {
  const parts = CONTRACTIONS[token.lower.replace(/[’‘]/gu, "'")];
  if (!parts) return [token];
  return parts.map(([lower, lemma, pos], index) => ({
    ...token,
    text: index === 0 ? token.text : '',
    space: index === 0 ? token.space : '',
    lower,
    lemma,
    pos,
  }));
}

const SUBJECT_START = new Set(['i', 'my', 'we', 'our']);

/** Splits a sentence where "and"/"but" starts a new first-person statement ("I love cats and I hate dogs"). */
function splitClauses(tokens: Token[]): Token[][] {
  const clauses: Token[][] = [];
  let current: Token[] = [];
  for (const [index, token] of tokens.entries()) {
    const next = tokens[index + 1];
    if ((token.lower === 'and' || token.lower === 'but') && next && SUBJECT_START.has(next.lower) && current.length > 0) {
      while (current.at(-1)?.pos === 'PUNCT') current.pop();
      clauses.push(current);
      current = [];
      continue;
    }
    if (token.lower === ';' && current.length > 0) {
      clauses.push(current);
      current = [];
      continue;
    }
    current.push(token);
  }
  if (current.length > 0) clauses.push(current);
  return clauses;
}

/**
 * wink-nlp's English lite model (offline, in the package): sentences, part of speech, lemmas
 * and DATE/TIME entities, turned into clauses with contractions split.
 */
export function createEnglishAnalyser(): EnglishAnalyser {
  const nlp = winkNLP(model);
  const its = nlp.its;
  return (text) => {
    const clauses: Clause[] = [];
    // a line break ends a statement even without punctuation (chat messages rarely have it)
    for (const line of text.split(/\n+/u)) {
      if (line.trim().length === 0) continue;
      const doc = nlp.readDoc(line);
      const dated = new Set<number>();
      doc.entities().each((entity: ItemEntity) => {
        const type = entity.out(its.type);
        if (type !== 'DATE' && type !== 'TIME') return;
        const [start, end] = entity.out(its.span) as unknown as [number, number];
        for (let index = start; index <= end; index++) dated.add(index);
      });
      doc.sentences().each((sentence: ItemSentence) => {
        const [start] = sentence.out(its.span) as unknown as [number, number];
        const values = sentence.tokens().out(its.value) as string[];
        const spaces = sentence.tokens().out(its.precedingSpaces) as string[];
        const lemmas = sentence.tokens().out(its.lemma as unknown as ItsFunction<string>) as string[];
        const tags = sentence.tokens().out(its.pos) as string[];
        const tokens = values.flatMap((value, index) =>
          expand({
            text: value,
            space: spaces[index] ?? '',
            lower: value.toLowerCase(),
            lemma: (lemmas[index] ?? value).toLowerCase(),
            pos: tags[index] ?? 'X',
            date: dated.has(start + index),
          }),
        );
        const question = /\?\s*$/u.test(sentence.out());
        for (const part of splitClauses(tokens)) clauses.push({ tokens: part, question });
      });
    }
    return clauses;
  };
}

let shared: EnglishAnalyser | undefined;

/** One analyser per process, built on first use (loading the model takes a moment). */
export function sharedEnglishAnalyser(): EnglishAnalyser {
  shared ??= createEnglishAnalyser();
  return shared;
}

/** The tokens as the user wrote them (first token's leading spaces dropped). */
export function render(tokens: Token[]): string {
  return tokens
    .map((token, index) => (index === 0 ? token.text : token.space + token.text))
    .join('')
    .trim();
}
