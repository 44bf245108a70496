import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '@miyu/platform/logger';
import type { EventAdapters } from '../event-types.ts';
import {
  type AccountDeletionConsumerOptions,
  type AccountSubgraph,
  startAccountDeletionConsumer,
} from './account-deletion-consumer.ts';
import type { AccountTable } from './account-rows.ts';

/** What a subgraph's setup is given that this needs (structural: @miyu/graphql depends on this package). */
interface SetupDeps {
  orm: { em: EntityManager };
  logger: Logger;
}

type Parts = { close?: () => Promise<void> };

/**
 * A subgraph definition whose setup also starts its account-deletion consumer (and whose close
 * stops it first), so a subgraph takes part in deleteAccount without its app.ts knowing the details.
 */
export function withAccountDeletion<D extends { name: string; setup: (deps: never) => Promise<Parts> }>(
  definition: D,
  account: {
    events: Pick<EventAdapters, 'eventLog' | 'deadLetters'>;
    tables: readonly AccountTable[];
    prepare?: AccountDeletionConsumerOptions['prepare'];
    retryDelayMs?: number;
  },
): D {
  const setup = definition.setup as unknown as (deps: SetupDeps) => Promise<Parts>;
  return {
    ...definition,
    async setup(deps: SetupDeps) {
      const parts = await setup(deps);
      const consumer = await startAccountDeletionConsumer({
        subgraph: definition.name as AccountSubgraph,
        events: account.events,
        em: () => deps.orm.em.fork(),
        tables: account.tables,
        logger: deps.logger,
        ...(account.prepare ? { prepare: account.prepare } : {}),
        ...(account.retryDelayMs ? { retryDelayMs: account.retryDelayMs } : {}),
      });
      return {
        ...parts,
        async close() {
          await consumer.stop();
          await parts.close?.();
        },
      };
    },
  } as D;
}
