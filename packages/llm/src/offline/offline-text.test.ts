import { describe, expect, it } from 'vitest';
import { findRelevantMemory } from './memory-answer.ts';
import { classifyFeeling } from './reply-composer.ts';
import { asClause, toSecondPerson } from './second-person.ts';
import { createSeededRandom, hashString } from './seeded-random.ts';
import { isGreeting, isQuestion, keywords } from './text-tokens.ts';

describe('toSecondPerson', () => {
  it.each([
    ['my cat is called Miso', 'your cat is called Miso'],
    ["User's cat is named Miso", 'your cat is named Miso'],
    ['The user likes green tea', 'you like green tea'],
    ['User studies law', 'you study law'],
    ["I'm allergic to peanuts", "you're allergic to peanuts"],
    ['I am a nurse and my partner calls me Sam', 'you are a nurse and your partner calls you Sam'],
  ])('%s → %s', (input, expected) => {
    expect(toSecondPerson(input)).toBe(expected);
  });

  it('lowers only a leading pronoun when making a clause', () => {
    expect(asClause('Your cat is Miso.')).toBe('your cat is Miso');
    expect(asClause('Miso is your cat!')).toBe('Miso is your cat');
  });
});

describe('keywords and intent', () => {
  it('drops stopwords and stems plurals and possessives', () => {
    expect(keywords('What is my cat called?')).toEqual(['cat', 'called']);
    expect(keywords("The user's cats are named Miso")).toEqual(['cat', 'named', 'miso']);
  });

  it('tells questions and bare greetings apart', () => {
    expect(isQuestion('where do I live')).toBe(true);
    expect(isQuestion('I live in Lyon.')).toBe(false);
    expect(isGreeting('Hello Miyu!')).toBe(true);
    expect(isGreeting('hi, my cat is sick and I am worried')).toBe(false);
  });
});

describe('findRelevantMemory', () => {
  const memories = [
    { kind: 'fact', content: 'my name is called Alex by friends', score: 0.9 },
    { kind: 'fact', content: 'my cat is called Miso', score: 0.1 },
  ];

  it('prefers the memory sharing the rarer keyword', () => {
    expect(findRelevantMemory('what is my cat called?', memories)?.memory.content).toBe('my cat is called Miso');
  });

  it('returns nothing when no keyword is shared', () => {
    expect(findRelevantMemory('where do I work?', memories)).toBeUndefined();
  });
});

describe('classifyFeeling', () => {
  it('maps labels and falls back to valence; ignores faint emotions', () => {
    expect(classifyFeeling({ primary: 'sadness', intensity: 0.6, valence: -0.5 })).toBe('sad');
    expect(classifyFeeling({ primary: 'frustration', intensity: 0.6, valence: -0.5 })).toBe('anger');
    expect(classifyFeeling({ primary: 'anxiety', intensity: 0.6, valence: -0.5 })).toBe('fear');
    expect(classifyFeeling({ primary: 'elation', intensity: 0.6, valence: 0.9 })).toBe('joy');
    expect(classifyFeeling({ primary: 'sadness', intensity: 0.1, valence: -0.5 })).toBe('neutral');
  });
});

describe('seeded random', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = createSeededRandom(hashString('x'));
    const b = createSeededRandom(hashString('x'));
    const c = createSeededRandom(hashString('y'));
    const seqA = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(seqA);
    expect([c.next(), c.next(), c.next()]).not.toEqual(seqA);
  });
});
