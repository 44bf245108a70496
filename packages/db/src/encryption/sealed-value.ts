import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.ts';

/**
 * A sealed value is `v1:<kid>:<base64url(nonce ‖ ciphertext ‖ tag)>`: AES-256-GCM with a random
 * 12-byte nonce per value, the key id in clear so any configured key can open it, and the value's
 * place (`<table>.<column>`) and owner (the user id) as associated data, so a value copied into
 * another column or another person's row fails to open instead of reading as theirs.
 */
const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Where a value lives and whose it is; both are bound into its tag. */
export interface SealContext {
  /** `<table>.<column>`, e.g. `messages.content`. */
  purpose: string;
  userId: string;
}

/** A sealed value that no configured key opens, or that was moved or altered. Never shown as text. */
export class UnreadableValueError extends Error {
  readonly kid: string | null;
  constructor(message: string, kid: string | null) {
    super(message);
    this.name = 'UnreadableValueError';
    this.kid = kid;
  }
}

const aad = (context: SealContext) => Buffer.from(`miyu:${VERSION}:${context.purpose}:${context.userId}`, 'utf8');

export function seal(keyring: Keyring, plaintext: string, context: SealContext): string {
  const { kid, key } = keyring.current;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(context));
  const body = Buffer.concat([nonce, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}:${kid}:${body.toString('base64url')}`;
}

/** True for a value in the sealed format (anything else is plaintext written before encryption). */
export function isSealed(value: string): boolean {
  return value.startsWith(`${VERSION}:`) && value.indexOf(':', VERSION.length + 1) > 0;
}

/** The key id a sealed value names, or null for plaintext. */
export function sealedKid(value: string): string | null {
  if (!isSealed(value)) return null;
  return value.slice(VERSION.length + 1, value.indexOf(':', VERSION.length + 1));
}

export function open(keyring: Keyring, sealed: string, context: SealContext): string {
  const kid = sealedKid(sealed);
  if (kid === null) throw new UnreadableValueError(`${context.purpose}: the value is not sealed`, null);
  const entry = keyring.byId.get(kid);
  if (!entry)
    throw new UnreadableValueError(
      `${context.purpose}: sealed with key id '${kid}', which MIYU_ENCRYPTION_KEYS does not contain`,
      kid,
    );
  const body = Buffer.from(sealed.slice(VERSION.length + kid.length + 2), 'base64url');
  if (body.length < NONCE_BYTES + TAG_BYTES)
    throw new UnreadableValueError(`${context.purpose}: the sealed value is truncated`, kid);
  try {
    const decipher = createDecipheriv('aes-256-gcm', entry.key, body.subarray(0, NONCE_BYTES));
    decipher.setAAD(aad(context));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(NONCE_BYTES, body.length - TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new UnreadableValueError(
      `${context.purpose}: key id '${kid}' does not open this value (a different key under that id, or a value moved from another row)`,
      kid,
    );
  }
}

/**
 * Opens a stored value that may still be plaintext from before encryption (the start-up sweep
 * seals those in the background); a value in the sealed format must open.
 */
export function openStored(keyring: Keyring, stored: string, context: SealContext): string {
  return isSealed(stored) ? open(keyring, stored, context) : stored;
}
