import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyedHashers } from './term-hasher.ts';

describe('keyed hashes', () => {
  it('are stable per index key, differ between people and between uses, and hide the text', () => {
    const alice = randomBytes(32);
    const a = keyedHashers(alice);
    expect(a.term('cat')).toBe(keyedHashers(Buffer.from(alice)).term('cat'));
    expect(a.term('cat')).not.toBe(keyedHashers(randomBytes(32)).term('cat'));
    expect(a.term('cat')).not.toBe(a.slot('cat'));
    expect(a.term('cat')).toHaveLength(22);
    expect(a.term('cat')).not.toContain('cat');
    expect(a.contentKey('my cat is called miso')).toMatch(/^[0-9a-f]{64}$/);
    expect(a.contentKey('my cat is called miso')).not.toBe(a.contentKey('my cat is called mochi'));
  });
});
