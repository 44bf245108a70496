import { describe, expect, it } from 'vitest';
import { createEnglishStemmer, MAX_TERMS, termsOf, words } from './text-terms.ts';

describe('text terms', () => {
  const stem = createEnglishStemmer();
  it('stems content words and drops stop words and clitics', () => {
    const { terms, length } = termsOf(
      "I finally moved to Berlin, loving it! My cat's called Miso and I can't stand olives.",
      stem,
    );
    expect([...terms.keys()]).toEqual(['final', 'move', 'berlin', 'love', 'cat', 'call', 'miso', 'stand', 'oliv']);
    expect(length).toBe(9);
    expect(termsOf('What is it?', stem).terms.size).toBe(0);
  });

  it('counts repeated terms and caps distinct ones', () => {
    expect(termsOf('cats cat CAT', stem).terms.get('cat')).toBe(3);
    const many = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    expect(termsOf(many, stem).terms.size).toBe(MAX_TERMS);
  });

  it('keeps letters and digits of any script and nothing else', () => {
    expect(words('Café über 42 (x) & !dog:*')).toEqual(['café', 'über', '42', 'x', 'dog']);
  });
});
