import { createHmac, hkdfSync } from 'node:crypto';
import type { EncryptionKey, Keyring } from './keyring.ts';

/** Turns one search term into what the lexical index stores for one person. */
export type TermHasher = (term: string) => string;

const INFO = 'miyu:v1:memory-terms';

function hasherFor(key: EncryptionKey, userId: string): TermHasher {
  // one HMAC key per person and encryption key: equal terms of two people never look alike
  const termKey = Buffer.from(hkdfSync('sha256', key.key, Buffer.from(userId, 'utf8'), INFO, 32));
  return (term) => createHmac('sha256', termKey).update(term, 'utf8').digest().subarray(0, 16).toString('base64url');
}

/**
 * Keyed hashes for a person's lexical index (22 characters, 128 bits of HMAC-SHA256). `index`
 * hashes with the current key, as stored terms are written; `query` returns the hash under every
 * configured key, so terms written before a key change still match until the rotation rebuilds them.
 */
export function termHashers(keyring: Keyring, userId: string) {
  const current = hasherFor(keyring.current, userId);
  const all = [...keyring.byId.values()].map((key) => (key === keyring.current ? current : hasherFor(key, userId)));
  return { index: current, query: (term: string) => all.map((hash) => hash(term)) };
}
