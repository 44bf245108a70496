import { buildSubgraphSchema } from '@miyu/graphql/federation';
import { createBuilder } from './builder.ts';
import { defineApiKeyTypes } from './modules/api-key/api-key.schema.ts';
import type { ApiKeyService } from './modules/api-key/api-key.service.ts';
import { defineAuthTypes } from './modules/auth/auth.schema.ts';
import type { AuthService } from './modules/auth/auth.service.ts';
import { defineUserTypes } from './modules/user/user.schema.ts';

export function buildIdentitySchema(services: { auth: AuthService; apiKeys: ApiKeyService }) {
  const builder = createBuilder();
  builder.queryType({});
  builder.mutationType({});
  const userTypes = defineUserTypes(builder);
  defineAuthTypes(builder, userTypes, services.auth);
  defineApiKeyTypes(builder, services.apiKeys);
  return buildSubgraphSchema(builder);
}
