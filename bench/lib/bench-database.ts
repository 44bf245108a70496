import { randomBytes } from 'node:crypto';
import type { DatabaseTarget } from '@miyu/db/database-config';

/** In-memory PGlite per subgraph (embedded mode), or a fresh PostgreSQL schema per subgraph and run. */
export function benchDatabase(subgraph: string, databaseUrl: string | undefined): DatabaseTarget {
  if (!databaseUrl) return { kind: 'pglite', dataDir: undefined };
  return { kind: 'postgres', url: databaseUrl, schema: `bench_${subgraph}_${randomBytes(4).toString('hex')}` };
}
