import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TERMS, cleanContent, contentKey, toOrTsQuery } from './memory-content.ts';

describe('memory content helpers', () => {
  it('keys content case- and whitespace-insensitively', () => {
    expect(contentKey('My cat is  called\nMiso ')).toBe(contentKey('my CAT is called miso'));
    expect(contentKey('My cat is called Miso')).not.toBe(contentKey('My cat is called Mochi'));
    expect(contentKey('x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('trims stored content but keeps inner line breaks', () => {
    expect(cleanContent('  a\nb  ')).toBe('a\nb');
  });

  it('builds an OR query of plain words with no tsquery operators', () => {
    expect(toOrTsQuery('What is my cat called?')).toBe('what | is | my | cat | called');
    expect(toOrTsQuery("cat's & !dog:* | (x)")).toBe('cat | s | dog | x');
    expect(toOrTsQuery('Café über 42')).toBe('café | über | 42');
    expect(toOrTsQuery('?! ...')).toBeNull();
  });

  it('caps and de-duplicates the terms', () => {
    const many = Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ');
    expect(toOrTsQuery(many)?.split(' | ')).toHaveLength(MAX_QUERY_TERMS);
    expect(toOrTsQuery('cat Cat CAT')).toBe('cat');
  });
});
