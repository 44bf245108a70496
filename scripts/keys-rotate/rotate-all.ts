import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import { createOrm } from '@miyu/db/create-orm';
import type { DatabaseTarget } from '@miyu/db/database-config';
import type { EncryptedEntity } from '@miyu/db/encryption/encrypted-fields';
import { verifyKeyring } from '@miyu/db/encryption/key-check';
import { rotateKeys, type TableRotation } from '@miyu/db/encryption/key-rotation';
import type { Keyring } from '@miyu/db/encryption/keyring';

export interface SubgraphDatabase {
  name: string;
  target: DatabaseTarget;
  database: { entities: EntitySchema[]; migrations: MigrationObject[]; encrypted?: EncryptedEntity[] };
}

export interface RotationReport {
  subgraph: string;
  complete: boolean;
  retired: string[];
  tables: TableRotation[];
}

/**
 * Rewrites every sealed column of every subgraph's database with the keyring's first key, one
 * database after another, a batch at a time, while the services keep serving (each row is
 * compare-and-set, see key-rotation.ts). Resumable by construction: a stopped run is started
 * again and finds only what is left. A database whose data needs a key that is not configured
 * is refused before anything is written.
 */
export async function rotateAllDatabases(
  subgraphs: readonly SubgraphDatabase[],
  keyring: Keyring,
  options: { batchSize: number; signal?: AbortSignal; onProgress?: (subgraph: string, table: TableRotation) => void },
): Promise<RotationReport[]> {
  const reports: RotationReport[] = [];
  for (const subgraph of subgraphs) {
    const specs = subgraph.database.encrypted ?? [];
    if (specs.length === 0) continue;
    const orm = await createOrm({ target: subgraph.target, ...subgraph.database });
    try {
      await verifyKeyring(orm.em.fork(), keyring, subgraph.name);
      const result = await rotateKeys(orm.em.fork(), keyring, specs, {
        batchSize: options.batchSize,
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (table) => options.onProgress?.(subgraph.name, table),
      });
      reports.push({ subgraph: subgraph.name, ...result });
    } finally {
      await orm.close();
    }
    if (options.signal?.aborted) break;
  }
  return reports;
}
