import { describe, expect, it } from 'vitest';
import { generateKeyEntry, parseKeyring } from './keyring.ts';
import { termHashers } from './term-hasher.ts';

const alice = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';

describe('term hashes', () => {
  it('are stable per person and key, differ between people, and hide the term', () => {
    const keyring = parseKeyring(generateKeyEntry('k1'));
    const a = termHashers(keyring, alice);
    expect(a.index('cat')).toBe(termHashers(keyring, alice).index('cat'));
    expect(a.index('cat')).not.toBe(termHashers(keyring, bob).index('cat'));
    expect(a.index('cat')).toHaveLength(22);
    expect(a.index('cat')).not.toContain('cat');
  });

  it('match terms indexed under an older key while it is configured', () => {
    const old = generateKeyEntry('old');
    const before = termHashers(parseKeyring(old), alice).index('tofu');
    const after = termHashers(parseKeyring(`${generateKeyEntry('new')},${old}`), alice);
    expect(after.query('tofu')).toContain(before);
    expect(after.index('tofu')).not.toBe(before);
  });
});
