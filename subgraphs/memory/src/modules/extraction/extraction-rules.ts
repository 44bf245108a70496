import type { MemoryKind } from '../memory/memory.entity.ts';
import { render, type Token } from './english-analyser.ts';
import { dateInText } from './text-date.ts';

/** What a rule finds in one clause: the memory in the user's words, and whether it names a date worth keeping. */
export interface RuleMatch {
  content: string;
  kind: Exclude<MemoryKind, 'REFLECTION'>;
  importance: number;
  /** A date in the clause is when the thing happens (false for a birthday: it recurs). */
  dated: boolean;
}

type Rule = (tokens: Token[]) => RuleMatch | null;

const RELATIONS = new Set(
  'mom mum mother dad father parents sister brother wife husband partner boyfriend girlfriend friend boss son daughter grandma grandmother grandpa grandfather aunt uncle cousin colleague roommate fiance fiancee niece nephew'.split(
    ' ',
  ),
);
const PETS = new Set(
  'cat dog puppy kitten hamster rabbit bunny parrot bird fish turtle tortoise horse pony guinea snake lizard ferret'.split(' '),
);
const LIKES = new Set(['love', 'like', 'enjoy', 'adore', 'prefer']);
const DISLIKES = new Set(['hate', 'dislike', 'detest', 'loathe', 'despise']);
// "I love you", "I like that": about the conversation, not the user
const BARE_OBJECTS = new Set('you u it that this them him her these those so too'.split(' '));
const NOT_A_ROLE = new Set('bit little lot tad mess wreck fan huge big real total'.split(' '));
const SOFTENERS = new Set(
  'really absolutely just also totally truly still now currently finally recently actually so'.split(' '),
);
const NEGATIONS = new Set(['not', "n't", 'never', 'no']);
const PLAN_LEMMAS = new Set(
  'have go visit meet fly travel start leave see attend take celebrate marry graduate return come get begin finish host throw move play run book plan'.split(
    ' ',
  ),
);
const PLACE_PREPOSITIONS = new Set(['in', 'to', 'into', 'from']);

const word = (tokens: Token[], index: number): string => tokens[index]?.lower ?? '';
const sentenceCase = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const match = (content: string, kind: RuleMatch['kind'], importance: number, dated = true): RuleMatch => ({
  content: sentenceCase(content.replace(/\s+/gu, ' ').trim()),
  kind,
  importance,
  dated,
});
const isRelation = (phrase: string): boolean => RELATIONS.has(phrase.split(' ').at(-1) ?? '');
const named = (what: string, name: string): RuleMatch =>
  match(`my ${what} is called ${name}`, isRelation(what) ? 'RELATIONSHIP' : 'FACT', 0.8);

/** Index after the softening adverbs from `index` on ("I really still love…"). */
function skipSofteners(tokens: Token[], index: number): number {
  let at = index;
  while (SOFTENERS.has(word(tokens, at))) at++;
  return at;
}

/** A proper name from `index` to the end: starts with a capital, at most 40 characters. */
function nameFrom(tokens: Token[], index: number): string | null {
  const name = render(tokens.slice(index));
  return /^\p{Lu}[\p{L}\p{N}' -]{0,39}$/u.test(name) ? name : null;
}

/** "my cat", "my best friend", "my sister's": the owner phrase after "my", up to the token at `end`. */
function phrase(tokens: Token[], start: number, end: number): string | null {
  const words = tokens.slice(start, end);
  if (words.length === 0 || words.length > 3 || words.some((t) => t.pos !== 'NOUN' && t.pos !== 'ADJ' && t.pos !== 'PROPN'))
    return null;
  return words.map((t) => t.lower).join(' ');
}

const myName: Rule = (t) => {
  if (word(t, 0) === 'my' && word(t, 1) === 'name' && t[2]?.lemma === 'be') {
    const name = nameFrom(t, 3);
    return name ? match(`my name is ${name}`, 'FACT', 0.9) : null;
  }
  if ((word(t, 0) === 'call' && word(t, 1) === 'me') || (word(t, 0) === 'i' && word(t, 1) === 'go' && word(t, 2) === 'by')) {
    const name = nameFrom(t, word(t, 0) === 'call' ? 2 : 3);
    return name ? match(`my name is ${name}`, 'FACT', 0.9) : null;
  }
  // "I'm Kenji": one capitalised proper noun and nothing else
  if (word(t, 0) === 'i' && word(t, 1) === 'am' && t.length === 3 && t[2]?.pos === 'PROPN') {
    const name = nameFrom(t, 2);
    return name ? match(`my name is ${name}`, 'FACT', 0.9) : null;
  }
  return null;
};

const namedThing: Rule = (t) => {
  if (word(t, 0) === 'my') {
    const be = t.findIndex((token, index) => index > 1 && token.lemma === 'be');
    if (be < 0) return null;
    // "my dog's name is Rex"
    if (word(t, be - 1) === 'name' && word(t, be - 2) === "'s") {
      const what = phrase(t, 1, be - 2);
      const name = nameFrom(t, be + 1);
      return what && name ? named(what, name) : null;
    }
    // "my sister is called Anna", "my cat is named Miso"
    if (word(t, be + 1) === 'called' || word(t, be + 1) === 'named') {
      const what = phrase(t, 1, be);
      const name = nameFrom(t, be + 2);
      return what && name ? named(what, name) : null;
    }
    return null;
  }
  // "I have a cat called Miso"
  if (word(t, 0) === 'i' && t[1]?.lemma === 'have' && (word(t, 2) === 'a' || word(t, 2) === 'an')) {
    const label = t.findIndex((token) => token.lower === 'called' || token.lower === 'named');
    const what = label > 3 ? phrase(t, 3, label) : null;
    const name = label > 3 ? nameFrom(t, label + 1) : null;
    return what && name ? named(what, name) : null;
  }
  return null;
};

const birthday: Rule = (t) =>
  word(t, 0) === 'my' && word(t, 1) === 'birthday' && t[2]?.lemma === 'be' && t.length > 3
    ? match(render(t), 'EVENT', 0.9, false)
    : null;

const peopleAndPets: Rule = (t) => {
  if (word(t, 0) !== 'my' || t.length < 3) return null;
  const what = word(t, 1) === 'best' ? word(t, 2) : word(t, 1);
  if (RELATIONS.has(what)) return match(render(t), 'RELATIONSHIP', 0.7);
  if (PETS.has(what)) return match(render(t), 'FACT', 0.7);
  return null;
};

const preference: Rule = (t) => {
  if (word(t, 0) !== 'i') return null;
  let at = skipSofteners(t, 1);
  let negated = false;
  if (t[at]?.lemma === 'do' || word(t, at) === 'ca' || word(t, at) === 'can' || word(t, at) === 'cannot') {
    const modal = word(t, at);
    at++;
    if (NEGATIONS.has(word(t, at)) || modal === 'cannot') {
      negated = true;
      if (modal !== 'cannot') at++;
    }
    at = skipSofteners(t, at);
  } else if (NEGATIONS.has(word(t, at))) {
    negated = true;
    at = skipSofteners(t, at + 1);
  }
  const verb = t[at]?.lemma ?? '';
  const object = word(t, at + 1);
  if (object.length === 0 || BARE_OBJECTS.has(object)) return null;
  if (verb === 'stand' && negated) return match(render(t), 'PREFERENCE', 0.6);
  if (LIKES.has(verb)) return match(render(t), 'PREFERENCE', 0.6);
  if (DISLIKES.has(verb) && !negated) return match(render(t), 'PREFERENCE', 0.6);
  return null;
};

const favourite: Rule = (t) =>
  word(t, 0) === 'my' && /^favou?rite$/u.test(word(t, 1)) && t.findIndex((x) => x.lemma === 'be') > 2
    ? match(render(t), 'PREFERENCE', 0.7)
    : null;

const fanOf: Rule = (t) => {
  if (word(t, 0) !== 'i' || word(t, 1) !== 'am') return null;
  const fan = t.findIndex((token) => token.lower === 'fan');
  return fan > 1 && fan < 6 && word(t, fan + 1) === 'of' && t.length > fan + 2 ? match(render(t), 'PREFERENCE', 0.6) : null;
};

const negatedBefore = (t: Token[], index: number): boolean => t.slice(0, index).some((token) => NEGATIONS.has(token.lower));

const work: Rule = (t) => {
  if (word(t, 0) === 'my' && (word(t, 1) === 'job' || word(t, 1) === 'profession') && t[2]?.lemma === 'be')
    return match(render(t), 'FACT', 0.7);
  if (word(t, 0) !== 'i') return null;
  const at = skipSofteners(t, 1);
  const verb = t[at];
  if (!verb || negatedBefore(t, at)) return null;
  if (verb.lemma === 'work' && ['as', 'at', 'for', 'in'].includes(word(t, at + 1)) && t.length > at + 2)
    return match(render(t), 'FACT', 0.7);
  // "I just started as…", "I quit my old job and started as a nurse at…"
  const started = t.findIndex((x, i) => i >= at && (x.lemma === 'start' || x.lemma === 'begin'));
  if (started >= 0 && t.some((x, i) => i > started && (x.lower === 'as' || x.lower === 'at')))
    return match(render(t), 'FACT', 0.7);
  // "I'm a nurse", "I am an engineer at Acme": a short noun phrase after a/an, its head a noun
  if (verb.lower === 'am' && ['a', 'an'].includes(word(t, at + 1)) && !NOT_A_ROLE.has(word(t, at + 2))) {
    const role = t.slice(at + 2).filter((x) => x.pos !== 'PUNCT');
    const head = role.findIndex((x) => x.pos === 'ADP');
    const noun = (head < 0 ? role : role.slice(0, head)).at(-1);
    if (role.length > 0 && role.length <= 6 && noun?.pos === 'NOUN') return match(render(t), 'FACT', 0.7);
  }
  return null;
};

const health: Rule = (t) => {
  if (word(t, 0) !== 'i') return null;
  let at = skipSofteners(t, 1);
  if (t[at]?.lemma === 'be') at = skipSofteners(t, at + 1);
  if (negatedBefore(t, at)) return null;
  const allergic = word(t, at) === 'allergic' && word(t, at + 1) === 'to' && t.length > at + 2;
  const diet = ['intolerant', 'vegetarian', 'vegan', 'diabetic', 'coeliac', 'celiac'].includes(word(t, at));
  return allergic || diet ? match(render(t), 'FACT', 0.8) : null;
};

const place: Rule = (t) => {
  if (word(t, 0) === 'my' && ['home', 'flat', 'apartment', 'house'].includes(word(t, 1)) && word(t, 3) === 'in')
    return match(render(t), 'FACT', 0.7);
  if (word(t, 0) !== 'i') return null;
  let at = skipSofteners(t, 1);
  // "I've just moved", "I am from", "I was born in"
  if (t[at]?.pos === 'AUX' && (t[at]?.lemma === 'have' || t[at]?.lemma === 'be')) at = skipSofteners(t, at + 1);
  if (negatedBefore(t, at)) return null;
  const verb = t[at];
  const next = word(t, at + 1);
  if (!verb || t.length <= at + 1) return null;
  // lemmas by form: the lite model tags "lives" as a noun sometimes
  const placed = t.length > at + 2;
  const lived = placed && /^liv(?:e|es|ed|ing)$/u.test(verb.lower) && next === 'in';
  const moved = placed && /^(?:mov|relocat)(?:e|es|ed|ing)$/u.test(verb.lower) && PLACE_PREPOSITIONS.has(next);
  const grewUp = (verb.lower === 'grew' || verb.lower === 'raised') && (next === 'up' || next === 'in');
  const from = verb.lower === 'from' || (verb.lower === 'born' && next === 'in');
  return lived || moved || grewUp || from ? match(render(t), 'FACT', 0.7) : null;
};

const plan: Rule = (t) => {
  // wink's entities miss some ("this weekend"): chrono reads the clause too
  if (!t.some((x) => x.date) && !dateInText(render(t), new Date())) return null;
  const subject = t.findIndex((x) => x.lower === 'i' || x.lower === 'we');
  if (subject < 0 || t.slice(0, subject).some((x) => !x.date && x.pos !== 'PUNCT' && x.pos !== 'ADP')) return null;
  const rest = t.slice(subject + 1);
  const planned =
    rest.some((x) => x.lower === 'will' || x.lower === 'going') ||
    rest.some((x) => !x.date && (x.pos === 'VERB' || x.lemma === 'have') && PLAN_LEMMAS.has(x.lemma));
  return planned && !negatedBefore(t, t.length) ? match(render(t), 'EVENT', 0.7) : null;
};

/** First match wins, so the more specific rules come first. */
export const EXTRACTION_RULES: Rule[] = [
  myName,
  namedThing,
  birthday,
  peopleAndPets,
  favourite,
  fanOf,
  preference,
  health,
  work,
  place,
  plan,
];
