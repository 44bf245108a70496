import { describe, expect, it } from 'vitest';
import { generateKeyEntry, KeyringError, parseKeyring } from './keyring.ts';
import { isSealed, open, openStored, seal, sealedKid, UnreadableValueError } from './sealed-value.ts';

const ctx = { purpose: 'messages.content', userId: '11111111-1111-4111-8111-111111111111' };

describe('sealed values', () => {
  it('round-trips with a fresh nonce per value and names its key id', () => {
    const keyring = parseKeyring(generateKeyEntry('k1'));
    const a = seal(keyring, 'my cat is called Tofu', ctx);
    const b = seal(keyring, 'my cat is called Tofu', ctx);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Tofu');
    expect(a.startsWith('v1:k1:')).toBe(true);
    expect(sealedKid(a)).toBe('k1');
    expect(open(keyring, a, ctx)).toBe('my cat is called Tofu');
  });

  it("refuses a value moved to another person's row or another column", () => {
    const keyring = parseKeyring(generateKeyEntry('k1'));
    const sealed = seal(keyring, 'secret', ctx);
    expect(() => open(keyring, sealed, { ...ctx, userId: '22222222-2222-4222-8222-222222222222' })).toThrow(UnreadableValueError);
    expect(() => open(keyring, sealed, { ...ctx, purpose: 'memories.content' })).toThrow(/does not open this value/);
  });

  it('names the key id when the key is missing or wrong, never returning garbage', () => {
    const sealed = seal(parseKeyring(generateKeyEntry('k1')), 'secret', ctx);
    expect(() => open(parseKeyring(generateKeyEntry('k2')), sealed, ctx)).toThrow(/key id 'k1'.*does not contain/);
    expect(() => open(parseKeyring(generateKeyEntry('k1')), sealed, ctx)).toThrow(/key id 'k1' does not open/);
  });

  it('opens with any configured key and seals with the first', () => {
    const old = generateKeyEntry('old');
    const sealed = seal(parseKeyring(old), 'kept', ctx);
    const rotated = parseKeyring(`${generateKeyEntry('new')},${old}`);
    expect(open(rotated, sealed, ctx)).toBe('kept');
    expect(sealedKid(seal(rotated, 'kept', ctx))).toBe('new');
  });

  it('passes plaintext written before encryption through openStored', () => {
    const keyring = parseKeyring(generateKeyEntry('k1'));
    expect(isSealed('hello there')).toBe(false);
    expect(openStored(keyring, 'hello there', ctx)).toBe('hello there');
  });

  it('reports every bad key entry at once, naming ids and never key bytes', () => {
    const error = (() => {
      try {
        parseKeyring('a:c2hvcnQ=,nocolon,b bad:xx');
      } catch (thrown) {
        return thrown as KeyringError;
      }
    })();
    expect(error).toBeInstanceOf(KeyringError);
    expect(error?.issues).toHaveLength(3);
    expect(error?.message).toMatch(/key id 'a': the key must be 32 bytes/);
    expect(error?.message).not.toContain('c2hvcnQ=');
  });
});
