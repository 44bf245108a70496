import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyEntry } from './keyring.ts';

/** The embedded default's key list, beside the databases it opens. */
export const KEY_FILE_NAME = 'encryption-keys';

/**
 * Reads `<dataDir>/encryption-keys` (the same `kid:base64key,…` as MIYU_ENCRYPTION_KEYS), creating
 * it with one new key, readable by its owner only (0600), when it is missing. A copy of the
 * database without this file (or the variable) is ciphertext.
 */
export function loadOrCreateKeyFile(dataDir: string): { path: string; spec: string; created: boolean } {
  const path = join(dataDir, KEY_FILE_NAME);
  let created = false;
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path, `${generateKeyEntry('k1')}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // a file someone else may read is narrowed to its owner, as ssh does with keys
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return { path, spec: readFileSync(path, 'utf8').trim(), created };
}
