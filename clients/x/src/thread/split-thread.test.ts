import { describe, expect, it } from 'vitest';
import { splitThread } from './split-thread.ts';
import { weightedLength, X_MAX_WEIGHTED } from './weighted-length.ts';

const counterOf = (post: string) =>
  post
    .match(/ (\d+)\/(\d+)$/u)
    ?.slice(1)
    .map(Number);
const withoutCounter = (post: string) => post.replace(/ \d+\/\d+$/u, '');

describe('weightedLength', () => {
  it('counts as X does: CJK and emoji weigh 2, a URL 23', () => {
    expect(weightedLength('hello')).toBe(5);
    expect(weightedLength('日本語')).toBe(6);
    expect(weightedLength('🙂')).toBe(2);
    expect(weightedLength('see https://example.com/a/very/long/path/that/is/long')).toBe(4 + 23);
  });
});

describe('splitThread', () => {
  it('keeps a short reply as one post without a counter', () => {
    expect(splitThread('  Hello there!  ')).toEqual(['Hello there!']);
    expect(splitThread('   ')).toEqual([]);
  });

  it('keeps a reply of exactly 280 weighted characters whole', () => {
    const text = 'a'.repeat(280);
    expect(splitThread(text)).toEqual([text]);
  });

  it('cuts a long reply between sentences into numbered posts that each fit', () => {
    const sentence = 'This sentence is about forty-five chars long. ';
    const text = sentence.repeat(20).trim();
    const posts = splitThread(text);
    expect(posts.length).toBeGreaterThan(3);
    posts.forEach((post, index) => {
      expect(weightedLength(post)).toBeLessThanOrEqual(X_MAX_WEIGHTED);
      expect(counterOf(post)).toEqual([index + 1, posts.length]);
      expect(withoutCounter(post).endsWith('.')).toBe(true);
    });
    expect(posts.map(withoutCounter).join(' ')).toBe(text);
  });

  it('counts weighted characters, so CJK text takes about twice the posts', () => {
    const posts = splitThread('日本語の文です。'.repeat(40));
    for (const post of posts) expect(weightedLength(post)).toBeLessThanOrEqual(X_MAX_WEIGHTED);
    expect(posts.length).toBeGreaterThanOrEqual(Math.ceil((8 * 2 * 40) / 280));
    expect(posts.map(withoutCounter).join('')).toBe('日本語の文です。'.repeat(40));
  });

  it('cuts at words inside an over-long sentence, and a word longer than a post by characters', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const posts = splitThread(`${words} ${'x'.repeat(600)}`);
    for (const post of posts) expect(weightedLength(post)).toBeLessThanOrEqual(X_MAX_WEIGHTED);
    expect(
      posts
        .map(withoutCounter)
        .join(' ')
        .replace(/(x) (?=x)/gu, '$1'),
    ).toBe(`${words} ${'x'.repeat(600)}`);
    expect(posts.slice(0, -3).every((post) => /word\d+$/u.test(withoutCounter(post)))).toBe(true);
  });

  it('widens the counter when the thread reaches ten posts, and every post still fits', () => {
    const posts = splitThread('Just another fairly ordinary sentence here. '.repeat(70));
    expect(posts.length).toBeGreaterThanOrEqual(10);
    posts.forEach((post, index) => {
      expect(weightedLength(post)).toBeLessThanOrEqual(X_MAX_WEIGHTED);
      expect(counterOf(post)).toEqual([index + 1, posts.length]);
    });
  });
});
