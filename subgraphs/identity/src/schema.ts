import { buildSubgraphSchema } from '@miyu/graphql/federation';
import { createBuilder } from './builder.ts';
import { defineAccountTypes } from './modules/account/account.schema.ts';
import type { AccountDeletionService } from './modules/account/account-deletion.service.ts';
import { defineApiKeyTypes } from './modules/api-key/api-key.schema.ts';
import type { ApiKeyService } from './modules/api-key/api-key.service.ts';
import { defineAuthTypes } from './modules/auth/auth.schema.ts';
import type { AuthService } from './modules/auth/auth.service.ts';
import { defineUserTypes } from './modules/user/user.schema.ts';

export function buildIdentitySchema(services: { auth: AuthService; apiKeys: ApiKeyService; deletions: AccountDeletionService }) {
  const builder = createBuilder();
  builder.queryType({});
  builder.mutationType({});
  const userTypes = defineUserTypes(builder);
  defineAuthTypes(builder, userTypes, services.auth);
  defineApiKeyTypes(builder, services.apiKeys);
  defineAccountTypes(builder, services.deletions);
  return buildSubgraphSchema(builder);
}
