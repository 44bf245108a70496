import type { EntityManager } from '@mikro-orm/core';
import { consumeCatalogEvents } from '@miyu/events/catalog/consume-catalog';
import type { Consumer, EventAdapters } from '@miyu/events/event-types';
import { startAccountDeletionConsumer } from '@miyu/events/revocation/account-deletion-consumer';
import type { AccountRevocations } from '@miyu/events/revocation/account-revocations';
import type { Logger } from '@miyu/platform/logger';
import { ApiKeyEntity } from '../api-key/api-key.entity.ts';
import { PlatformIdentityEntity, UserEntity } from '../user/user.entity.ts';
import { IdentityEventOutboxEntity } from './account-deletion.entity.ts';
import type { AccountDeletionService } from './account-deletion.service.ts';

/** Identity's tables that hold a person's rows (the users row last). */
export const IDENTITY_ACCOUNT_TABLES = [
  { entity: ApiKeyEntity },
  { entity: PlatformIdentityEntity },
  { entity: IdentityEventOutboxEntity },
  { entity: UserEntity, column: 'id' },
] as const;

/**
 * Identity's two consumers of a deletion: its own rows go (after revoking the person's
 * credentials again, should the request have failed between its commit and the revocation), and
 * every subgraph's `account.deletion_progressed` is recorded against the deletion.
 */
export async function startAccountConsumers(deps: {
  events: EventAdapters;
  revocations: AccountRevocations;
  em: () => EntityManager;
  deletions: AccountDeletionService;
  logger: Logger;
}): Promise<Consumer> {
  const rows = await startAccountDeletionConsumer({
    subgraph: 'identity',
    events: deps.events,
    em: deps.em,
    tables: IDENTITY_ACCOUNT_TABLES,
    prepare: async (userId) => {
      await deps.revocations.revoke(userId);
    },
    logger: deps.logger,
  });
  const progress = await consumeCatalogEvents(
    deps.events,
    'identity-account-progress',
    { 'account.deletion_progressed': (event) => deps.deletions.recordProgress(deps.em(), event.payload) },
    deps.logger.child({ component: 'account-deletion' }),
  );
  return {
    async stop() {
      await Promise.all([rows.stop(), progress.stop()]);
    },
  };
}
