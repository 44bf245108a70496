import { databaseTargetFor } from '@miyu/db/database-config';
import { resolveKeyring } from '@miyu/db/encryption/keyring-config';
import { database as conversation } from '@miyu/conversation/database';
import { database as identity } from '@miyu/identity/database';
import { database as memory } from '@miyu/memory/database';
import { database as personality } from '@miyu/personality/database';
import { database as quest } from '@miyu/quest/database';
import { loadKeysRotateEnv } from './env.ts';
import { rotateAllDatabases } from './rotate-all.ts';

/**
 * `npm run keys:rotate`: after a new key was put first in MIYU_ENCRYPTION_KEYS (the old ones still
 * listed) and the services restarted with it, rewrites every sealed value under the new key and
 * seals plaintext left from before encryption. Progress goes to stderr, the report to stdout
 * (JSON); exit code 1 while anything is left (run it again: it resumes). When a database is
 * complete it forgets the retired keys, which may then leave MIYU_ENCRYPTION_KEYS.
 */
async function main() {
  const env = loadKeysRotateEnv();
  const { keyring } = resolveKeyring({
    configured: env.MIYU_ENCRYPTION_KEYS,
    dataDir: env.MIYU_DATA_DIR,
    allowKeyFile: !env.DATABASE_URL,
    service: 'keys:rotate',
  });
  const subgraphs = Object.entries({ identity, personality, conversation, memory, quest }).map(([name, definition]) => ({
    name,
    target: databaseTargetFor(name, { databaseUrl: env.DATABASE_URL, dataDir: env.MIYU_DATA_DIR }),
    database: definition,
  }));
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const reports = await rotateAllDatabases(subgraphs, keyring, {
    batchSize: env.KEYS_ROTATE_BATCH,
    signal: controller.signal,
    onProgress: (subgraph, t) =>
      process.stderr.write(
        `${subgraph}.${t.table}: ${t.rewritten}/${t.found} rewritten, ${t.raced} changed meanwhile, ${t.unreadable} unreadable, ${t.remaining} left\n`,
      ),
  });
  process.stdout.write(`${JSON.stringify({ key: keyring.current.kid, reports }, null, 2)}\n`);
  if (controller.signal.aborted || reports.some((report) => !report.complete)) process.exitCode = 1;
}

await main();
