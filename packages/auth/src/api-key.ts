import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'miyu_sk_';

/**
 * API keys are `miyu_sk_<keyId>_<secret>`. The secret has 256 bits of entropy, so a plain
 * SHA-256 is enough to store it (no need for a slow hash, unlike passwords).
 */
export function generateApiKey(keyId: string): { secret: string; hash: string } {
  const secret = `${API_KEY_PREFIX}${keyId}_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Extracts the key id without trusting the rest; null when the shape is wrong. */
export function parseApiKeyId(secret: string): string | null {
  if (!secret.startsWith(API_KEY_PREFIX)) return null;
  const rest = secret.slice(API_KEY_PREFIX.length);
  // ids are hex, the secret part is base64url (which may itself contain `_`)
  const separator = rest.indexOf('_');
  if (separator <= 0) return null;
  return rest.slice(0, separator);
}

export function apiKeyMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKey(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
