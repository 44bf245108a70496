import { describe, expect, it } from 'vitest';
import { buildLexiconIndex, lookupCues, normalizeKey, squashVariants } from './emotion-lexicon-index.ts';

// A toy stemmer keeps this test independent of the wink model.
const stem = (w: string): string => w.replace(/(ied|ed|ing|s)$/, '');
const index = buildLexiconIndex(stem);

describe('lexicon index', () => {
  it('finds words, emoji without the variation selector, and stems', () => {
    expect(lookupCues(index, 'happy', stem)?.JOY).toBe(1);
    expect(lookupCues(index, normalizeKey('❤️'), stem)?.JOY).toBeGreaterThan(0);
    expect(lookupCues(index, 'worrying', stem)?.FEAR).toBeGreaterThan(0);
  });

  it('keeps the strongest tier when a word is listed twice', () => {
    expect(lookupCues(index, 'awesome', stem)?.JOY).toBe(1.5);
  });

  it('skips stem matches for known collisions and prototype keys', () => {
    expect(lookupCues(index, 'please', (w) => (w === 'please' ? 'pleas' : w))).toBeUndefined();
    expect(lookupCues(index, 'constructor', stem)).toBeUndefined();
  });

  it('never stems absurdly long tokens (the stemmer is quadratic in length)', () => {
    const stemmed: string[] = [];
    const spy = (w: string): string => {
      stemmed.push(w);
      return stem(w);
    };
    expect(lookupCues(index, 'ab'.repeat(5_000), spy)).toBeUndefined();
    expect(stemmed).toEqual([]);
    expect(lookupCues(index, 'worrying', spy)?.FEAR).toBeGreaterThan(0);
  });

  it('expands stretched spellings', () => {
    expect(squashVariants('happpyyy')).toContain('happy');
    expect(squashVariants('calm')).toEqual([]);
    expect(lookupCues(index, 'sooooad', stem)).toBeUndefined();
    expect(lookupCues(index, 'saaaad', stem)?.SADNESS).toBe(1);
  });

  it('has a substantial vocabulary for every emotion', () => {
    const counts = new Map<string, number>();
    for (const cues of index.words.values()) {
      for (const emotion of Object.keys(cues)) counts.set(emotion, (counts.get(emotion) ?? 0) + 1);
    }
    expect(counts.size).toBe(8);
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(100);
  });
});
