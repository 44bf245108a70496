import type { EventAdapters } from '@miyu/events/event-types';
import { createOutboxRelay } from '@miyu/events/outbox/outbox-relay';
import { type AccountRevocations, createMemoryAccountRevocations } from '@miyu/events/revocation/account-revocations';
import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import type { Loaders } from './context.ts';
import { database } from './database.ts';
import { IdentityEventOutboxEntity } from './modules/account/account-deletion.entity.ts';
import { createAccountDeletionService } from './modules/account/account-deletion.service.ts';
import { startAccountConsumers } from './modules/account/account-consumers.ts';
import { apiKeyVerifyRoute } from './modules/api-key/api-key.route.ts';
import { createApiKeyService } from './modules/api-key/api-key.service.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { jwksRoute, loadOrCreateSigner } from './modules/signing-key/signing-key.service.ts';
import { createUserLoaders } from './modules/user/user.loader.ts';
import { identityPermissions } from './permissions.ts';
import { buildIdentitySchema } from './schema.ts';

export interface IdentitySubgraphOptions {
  userTokenTtlSeconds: number;
  /** The event log (`account.deleted` out through the outbox, the deletion's progress in). */
  events: EventAdapters;
  /** Deleted accounts, shared with the router (default: the adapters' store). */
  revocations?: AccountRevocations;
}

export function createIdentitySubgraph(options: IdentitySubgraphOptions): SubgraphDefinition<Loaders> {
  return {
    name: 'identity',
    ...database,
    async setup({ orm, internalTokens, logger }) {
      // adapters made by hand (schema printing, a subgraph's own tests) have no store: then identity's own
      const revocations = options.revocations ?? options.events.revocations ?? createMemoryAccountRevocations();
      const signer = await loadOrCreateSigner(orm.em, options.userTokenTtlSeconds);
      const apiKeys = createApiKeyService();
      const auth = createAuthService(signer);
      const em = () => orm.em.fork();
      const relay = createOutboxRelay({
        em,
        entity: IdentityEventOutboxEntity,
        userIdOf: (row) => row.userId,
        eventLog: options.events.eventLog,
        logger: logger.child({ component: 'outbox' }),
        intervalMs: 1_000,
      });
      relay.start();
      const deletions = createAccountDeletionService({ revocations, nudge: () => relay.nudge() });
      const consumers = await startAccountConsumers({ events: options.events, revocations, em, deletions, logger });
      return {
        schema: buildIdentitySchema({ auth, apiKeys, deletions }),
        permissions: identityPermissions(),
        createLoaders: (em) => createUserLoaders(em),
        routes: [jwksRoute(signer), apiKeyVerifyRoute(orm, internalTokens, apiKeys)],
        async close() {
          await consumers.stop();
          await relay.stop();
        },
      };
    },
  };
}
