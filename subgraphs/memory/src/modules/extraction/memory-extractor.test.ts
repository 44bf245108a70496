import { describe, expect, it } from 'vitest';
import { extractMemories } from './memory-extractor.ts';

describe('extractMemories', () => {
  it.each([
    ['by the way my cat is called Miso!', { content: 'My cat is called Miso', kind: 'FACT', importance: 0.8 }],
    ["My dog's name is Rex.", { content: 'My dog is called Rex', kind: 'FACT', importance: 0.8 }],
    ['my sister is named Anna', { content: 'My sister is called Anna', kind: 'RELATIONSHIP', importance: 0.8 }],
    ['My name is Kenji', { content: 'My name is Kenji', kind: 'FACT', importance: 0.9 }],
    ['I love green tea', { content: 'I love green tea', kind: 'PREFERENCE', importance: 0.6 }],
    [
      'Honestly. I really enjoy hiking in the mountains.',
      { content: 'I really enjoy hiking in the mountains', kind: 'PREFERENCE' },
    ],
    ["I can't stand loud music", { content: "I can't stand loud music", kind: 'PREFERENCE' }],
    ['I hate mornings', { content: 'I hate mornings', kind: 'PREFERENCE' }],
    ["I'm a nurse", { content: "I'm a nurse", kind: 'FACT', importance: 0.7 }],
    ['I work as a software engineer', { content: 'I work as a software engineer', kind: 'FACT' }],
    ['I live in Osaka', { content: 'I live in Osaka', kind: 'FACT' }],
    ["oh, I'm from Lisbon", { content: "I'm from Lisbon", kind: 'FACT' }],
    ['my birthday is March 3rd', { content: 'My birthday is March 3rd', kind: 'EVENT', importance: 0.9 }],
    ['My mom is visiting next week', { content: 'My mom is visiting next week', kind: 'RELATIONSHIP' }],
    ['Tomorrow I have a job interview', { content: 'Tomorrow I have a job interview', kind: 'EVENT' }],
    ['I have a dentist appointment today', { content: 'I have a dentist appointment today', kind: 'EVENT' }],
  ])('%s', (text, expected) => {
    expect(extractMemories(text)).toEqual([expect.objectContaining(expected)]);
  });

  it('records "I don\'t like X" as a dislike, never as a liking', () => {
    const [memory, ...rest] = extractMemories("I don't like horror movies");
    expect(rest).toEqual([]);
    expect(memory).toEqual({ content: "I don't like horror movies", kind: 'PREFERENCE', importance: 0.6 });
    expect(extractMemories('I do not enjoy crowds').map((m) => m.content)).toEqual(['I do not enjoy crowds']);
  });

  it('finds several statements in one message, once each', () => {
    const text = 'I love cats and I hate dogs. My brother Tom lives in Paris! I love cats.';
    expect(extractMemories(text).map((m) => [m.content, m.kind])).toEqual([
      ['I love cats', 'PREFERENCE'],
      ['I hate dogs', 'PREFERENCE'],
      ['My brother Tom lives in Paris', 'RELATIONSHIP'],
    ]);
  });

  it.each([
    'do you like cats?',
    'Do you like cats',
    'what is my cat called?',
    'is my cat called Miso?',
    'I love you',
    'I like that!',
    "I'm so sad today",
    "I'm a bit tired",
    'The weather is nice',
    'How do I live in Osaka cheaply?',
    '',
    '   ',
  ])('extracts nothing from %j', (text) => {
    expect(extractMemories(text)).toEqual([]);
  });

  it('caps the number of memories taken from one message', () => {
    const text = Array.from({ length: 12 }, (_, i) => `I love thing${i}.`).join(' ');
    expect(extractMemories(text)).toHaveLength(5);
  });
});
