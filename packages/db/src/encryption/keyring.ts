import { randomBytes } from 'node:crypto';

/** One AES-256 key and the id stored beside every value it sealed. */
export interface EncryptionKey {
  kid: string;
  key: Buffer;
}

/** The configured keys: the first seals, every one opens. */
export interface Keyring {
  current: EncryptionKey;
  /** Every key by id, the current one included. */
  byId: ReadonlyMap<string, EncryptionKey>;
}

const KID = /^[A-Za-z0-9_-]{1,32}$/;

/** Raised for a key list that cannot be used; names the entry (never the key's bytes). */
export class KeyringError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`MIYU_ENCRYPTION_KEYS: ${issues.join('; ')}`);
    this.name = 'KeyringError';
    this.issues = issues;
  }
}

/**
 * Reads `kid:base64key,kid:base64key,…` (each key 32 bytes, base64 or base64url). Every problem
 * is reported at once; the message names key ids, never key material.
 */
export function parseKeyring(spec: string): Keyring {
  const issues: string[] = [];
  const keys: EncryptionKey[] = [];
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) issues.push('no key is given (expected kid:base64key,…)');
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const kid = colon < 0 ? '' : entry.slice(0, colon);
    const where = kid ? `key id '${kid}'` : `entry ${index + 1}`;
    if (colon < 0 || !KID.test(kid)) {
      issues.push(`${where}: expected kid:base64key with a key id of 1-32 letters, digits, '-' or '_'`);
      return;
    }
    const encoded = entry.slice(colon + 1);
    const key = Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64');
    if (key.length !== 32) {
      issues.push(`${where}: the key must be 32 bytes in base64 (it is ${key.length})`);
      return;
    }
    if (keys.some((other) => other.kid === kid)) {
      issues.push(`${where}: listed twice`);
      return;
    }
    keys.push({ kid, key });
  });
  const current = keys[0];
  if (issues.length > 0 || !current) throw new KeyringError(issues);
  return { current, byId: new Map(keys.map((key) => [key.kid, key])) };
}

/** A new random key as one `kid:base64key` entry. */
export function generateKeyEntry(kid = `k${Date.now().toString(36)}`): string {
  return `${kid}:${randomBytes(32).toString('base64')}`;
}

/** A keyring of one fresh random key: for databases that live as long as the process (tests). */
export function ephemeralKeyring(): Keyring {
  return parseKeyring(generateKeyEntry('ephemeral'));
}
