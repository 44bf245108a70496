import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const schema = z.object({
  /** Unset: the embedded PGlite databases in MIYU_DATA_DIR (stop `npm start` first: one process opens them). */
  DATABASE_URL: z.string().optional(),
  MIYU_DATA_DIR: z.string().default(fileURLToPath(new URL('../../.data', import.meta.url))),
  /** The new key first, every older key still listed. Unset in embedded mode: the key file. */
  MIYU_ENCRYPTION_KEYS: z.string().optional(),
  /** Rows rewritten per batch. */
  KEYS_ROTATE_BATCH: z.coerce.number().int().min(1).max(10_000).default(200),
});

export function loadKeysRotateEnv(source: Record<string, string | undefined> = process.env) {
  return schema.parse({
    DATABASE_URL: source.DATABASE_URL || undefined,
    MIYU_DATA_DIR: source.MIYU_DATA_DIR || undefined,
    MIYU_ENCRYPTION_KEYS: source.MIYU_ENCRYPTION_KEYS || undefined,
    KEYS_ROTATE_BATCH: source.KEYS_ROTATE_BATCH || undefined,
  });
}
