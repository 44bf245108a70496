import { errors } from '@miyu/platform/errors';
import type { Builder } from '../../builder.ts';
import type { ApiKeyRow } from './api-key.entity.ts';
import type { ApiKeyService } from './api-key.service.ts';

export function defineApiKeyTypes(builder: Builder, apiKeys: ApiKeyService) {
  const ApiKeyRef = builder.objectRef<ApiKeyRow>('ApiKey').implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      name: t.exposeString('name'),
      scopes: t.exposeStringList('scopes'),
      createdAt: t.field({ type: 'DateTime', resolve: (key) => key.createdAt }),
    }),
  });
  const CreatedApiKeyRef = builder.objectRef<{ apiKey: ApiKeyRow; secret: string }>('CreatedApiKey').implement({
    fields: (t) => ({
      apiKey: t.field({ type: ApiKeyRef, resolve: (created) => created.apiKey }),
      secret: t.exposeString('secret', { description: 'Shown once; only its hash is stored.' }),
    }),
  });
  const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
    fields: (t) => ({ name: t.string({ required: true }), scopes: t.stringList({ required: true }) }),
  });

  const requireUser = (userId: string | null) => {
    if (!userId) throw errors.unauthenticated();
    return userId;
  };

  builder.mutationFields((t) => ({
    createApiKey: t.field({
      type: CreatedApiKeyRef,
      args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
      resolve: (_root, { input }, ctx) => apiKeys.create(ctx.em, requireUser(ctx.userId), input),
    }),
    revokeApiKey: t.boolean({
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, { id }, ctx) => apiKeys.revoke(ctx.em, requireUser(ctx.userId), id),
    }),
  }));
}
