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

  it.each([
    ['I have a cat named Mochi', { content: 'My cat is called Mochi', kind: 'FACT' }],
    ['My best friend is called Priya.', { content: 'My best friend is called Priya', kind: 'RELATIONSHIP' }],
    ['Call me Sam', { content: 'My name is Sam', kind: 'FACT', importance: 0.9 }],
    ["I'm Kenji", { content: 'My name is Kenji', kind: 'FACT' }],
    ['My dog loves chasing squirrels', { content: 'My dog loves chasing squirrels', kind: 'FACT' }],
    ['My grandma makes the best dumplings.', { content: 'My grandma makes the best dumplings', kind: 'RELATIONSHIP' }],
    ['I work at a bakery downtown', { content: 'I work at a bakery downtown', kind: 'FACT' }],
    ['I just started a new job as a nurse', { content: 'I just started a new job as a nurse', kind: 'FACT' }],
    ['I am an accountant', { content: 'I am an accountant', kind: 'FACT' }],
    ['My job is teaching kids to swim', { content: 'My job is teaching kids to swim', kind: 'FACT' }],
    ['I grew up in Manila', { content: 'I grew up in Manila', kind: 'FACT' }],
    ["I've just moved to Berlin!", { content: "I've just moved to Berlin", kind: 'FACT' }],
    ['I was born in Kyoto', { content: 'I was born in Kyoto', kind: 'FACT' }],
    ['My favourite band is Radiohead', { content: 'My favourite band is Radiohead', kind: 'PREFERENCE' }],
    ["I'm a huge fan of jazz", { content: "I'm a huge fan of jazz", kind: 'PREFERENCE' }],
    ['I absolutely adore rainy days', { content: 'I absolutely adore rainy days', kind: 'PREFERENCE' }],
    ['I really dislike cilantro', { content: 'I really dislike cilantro', kind: 'PREFERENCE' }],
    ['I never liked spicy food', { content: 'I never liked spicy food', kind: 'PREFERENCE' }],
    ['I’m allergic to peanuts.', { content: 'I’m allergic to peanuts', kind: 'FACT', importance: 0.8 }],
    ['I am vegetarian', { content: 'I am vegetarian', kind: 'FACT' }],
    [
      'I quit my old job and started as a nurse at St Mary’s.',
      { content: 'I quit my old job and started as a nurse at St Mary’s', kind: 'FACT' },
    ],
    [
      'I finally moved to Lima, loving it here so far!',
      { content: 'I finally moved to Lima, loving it here so far', kind: 'FACT' },
    ],
    ['Next Friday I fly to Oslo', { content: 'Next Friday I fly to Oslo', kind: 'EVENT' }],
    ["We're going to the beach this weekend", { content: "We're going to the beach this weekend", kind: 'EVENT' }],
  ])('%s (wink-nlp rules)', (text, expected) => {
    expect(extractMemories(text)).toEqual([expect.objectContaining(expected)]);
  });

  it('dates a plan from the text, relative to when the message was said', () => {
    const saidAt = new Date('2026-06-10T12:00:00Z');
    const [tomorrow] = extractMemories('Tomorrow I have a job interview', saidAt);
    expect(tomorrow?.occurredAt?.toISOString().slice(0, 10)).toBe('2026-06-11');
    const [moved] = extractMemories('I moved to Berlin last week.', saidAt);
    expect(moved?.content).toBe('I moved to Berlin last week');
    expect(moved?.occurredAt?.toISOString().slice(0, 10)).toBe('2026-06-03');
    const [wedding] = extractMemories('On May 3rd I have a wedding to go to', saidAt);
    expect(wedding?.occurredAt?.toISOString().slice(0, 10)).toBe('2026-05-03');
    // a birthday recurs: its date is not when it happened; a statement with no date has none
    expect(extractMemories('my birthday is March 3rd', saidAt)[0]?.occurredAt).toBeUndefined();
    expect(extractMemories('I love the sun', saidAt)[0]?.occurredAt).toBeUndefined();
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
    "I don't live in Paris",
    'I never worked as a chef',
    "I'm not allergic to anything",
    'If I lived in Rome I would be happy',
    'I wish I had a dog named Rex',
    'Maybe I will move to Tokyo next year',
    "I'd love to visit Japan",
    'You live in Paris',
    'Where do you work?',
    'Are you from Lisbon',
    'What are you doing tomorrow',
    'My sister is called?',
    "I don't hate it",
    'I sat on the sofa all day',
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
