import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import type { Loaders } from './context.ts';
import { database } from './database.ts';
import { apiKeyVerifyRoute } from './modules/api-key/api-key.route.ts';
import { createApiKeyService } from './modules/api-key/api-key.service.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { jwksRoute, loadOrCreateSigner } from './modules/signing-key/signing-key.service.ts';
import { createUserLoaders } from './modules/user/user.loader.ts';
import { identityPermissions } from './permissions.ts';
import { buildIdentitySchema } from './schema.ts';

export function createIdentitySubgraph(options: { userTokenTtlSeconds: number }): SubgraphDefinition<Loaders> {
  return {
    name: 'identity',
    ...database,
    async setup({ orm, internalTokens }) {
      const signer = await loadOrCreateSigner(orm.em, options.userTokenTtlSeconds);
      const apiKeys = createApiKeyService();
      const auth = createAuthService(signer);
      return {
        schema: buildIdentitySchema({ auth, apiKeys }),
        permissions: identityPermissions(),
        createLoaders: (em) => createUserLoaders(em),
        routes: [jwksRoute(signer), apiKeyVerifyRoute(orm, internalTokens, apiKeys)],
      };
    },
  };
}
