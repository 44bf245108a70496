import { ConfigError } from '@miyu/platform/env-schema';
import { loadOrCreateKeyFile } from './key-file.ts';
import { type Keyring, KeyringError, parseKeyring } from './keyring.ts';

export interface KeyringSource {
  /** MIYU_ENCRYPTION_KEYS as set, if it is. */
  configured: string | undefined;
  /** Where the embedded default's key file lives (MIYU_DATA_DIR). */
  dataDir: string;
  /** Whether a key file may stand in for the variable (embedded PGlite and `npm start`). */
  allowKeyFile: boolean;
  service: string;
}

export interface ResolvedKeyring {
  keyring: Keyring;
  /** The key file used, and whether this start created it. */
  keyFile?: { path: string; created: boolean };
}

/** The keys a service seals and opens with; a problem is a ConfigError naming the key id. */
export function resolveKeyring(source: KeyringSource): ResolvedKeyring {
  try {
    if (source.configured) return { keyring: parseKeyring(source.configured) };
    if (!source.allowKeyFile)
      throw new ConfigError(source.service, [
        'MIYU_ENCRYPTION_KEYS: required with DATABASE_URL (kid:base64key,…; the first encrypts, all decrypt)',
      ]);
    const file = loadOrCreateKeyFile(source.dataDir);
    try {
      return { keyring: parseKeyring(file.spec), keyFile: { path: file.path, created: file.created } };
    } catch (error) {
      if (error instanceof KeyringError) throw new KeyringError(error.issues.map((issue) => `${issue} (in ${file.path})`));
      throw error;
    }
  } catch (error) {
    if (error instanceof KeyringError) throw new ConfigError(source.service, [error.message]);
    throw error;
  }
}
