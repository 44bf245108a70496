import { createHmac } from 'node:crypto';

/**
 * Keyed hashes of a person's text for what must be matched without being read: the terms of the
 * lexical index, the de-duplication key of a memory, the slot a statement fills. HMAC-SHA256
 * under the person's own index key (index-keys.ts), with the use bound in, so equal words of two
 * people, or a term and a slot, never look alike, and a guess cannot be checked without the key.
 * The index key does not change when the encryption keys rotate (only its sealed copy is
 * rewritten), so nothing derived from it has to be rebuilt.
 */
export interface KeyedHashers {
  /** A lexical term: 22 characters (128 bits of the HMAC). */
  term: (term: string) => string;
  /** A de-duplication key: 64 hex characters (the whole HMAC). */
  contentKey: (normalised: string) => string;
  /** A slot name ("home", "name of my cat"): 22 characters. */
  slot: (slot: string) => string;
}

const hmac = (indexKey: Buffer, use: string, text: string) =>
  createHmac('sha256', indexKey).update(`miyu:v1:${use}\u0000`, 'utf8').update(text, 'utf8').digest();

export function keyedHashers(indexKey: Buffer): KeyedHashers {
  return {
    term: (term) => hmac(indexKey, 'term', term).subarray(0, 16).toString('base64url'),
    contentKey: (normalised) => hmac(indexKey, 'content-key', normalised).toString('hex'),
    slot: (slot) => hmac(indexKey, 'slot', slot).subarray(0, 16).toString('base64url'),
  };
}
