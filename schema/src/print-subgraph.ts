import { randomBytes } from 'node:crypto';
import { printSubgraphSchema } from '@apollo/subgraph';
import { createInternalTokens } from '@miyu/auth/internal-token';
import { createOrm } from '@miyu/db/create-orm';
import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import { createLogger } from '@miyu/platform/logger';

/**
 * Prints a subgraph's SDL from code. The schema is built by `setup`, which may read the database
 * (seeds, signing keys), so it runs against a throwaway in-memory PGlite with migrations applied.
 */
export async function printSubgraph(definition: SubgraphDefinition<unknown>): Promise<string> {
  const orm = await createOrm({
    target: { kind: 'pglite', dataDir: undefined, inMainThread: true },
    entities: definition.entities,
    migrations: definition.migrations,
  });
  try {
    const parts = await definition.setup({
      orm,
      logger: createLogger({ service: definition.name, level: 'silent' }),
      internalTokens: createInternalTokens(randomBytes(32).toString('hex')),
    });
    try {
      return ensureTrailingNewline(printSubgraphSchema(parts.schema));
    } finally {
      await parts.close?.();
    }
  } finally {
    await orm.close();
  }
}

function ensureTrailingNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
