import { requireUser } from '@miyu/graphql/require-user';
import type { Builder } from '../../builder.ts';
import type { ApiKeyRow } from './api-key.entity.ts';
import { API_KEY_SCOPE_LIST, type ApiKeyScope } from './api-key.scopes.ts';
import type { ApiKeyService } from './api-key.service.ts';

export function defineApiKeyTypes(builder: Builder, apiKeys: ApiKeyService) {
  const ApiKeyRef = builder.objectRef<ApiKeyRow>('ApiKey').implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      name: t.exposeString('name'),
      scopes: t.exposeStringList('scopes'),
      createdAt: t.field({ type: 'DateTime', resolve: (key) => key.createdAt }),
      lastUsedAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the router last verified this key (at most a few seconds late); null if never used.',
        resolve: (key) => key.lastUsedAt,
      }),
    }),
  });
  const ApiKeyScopeRef = builder.objectRef<ApiKeyScope>('ApiKeyScope').implement({
    description: "A right an API key may carry; a signed-in person's own token carries all of them.",
    fields: (t) => ({
      name: t.exposeString('name', { description: 'As written in `CreateApiKeyInput.scopes`, e.g. "memories:read".' }),
      description: t.exposeString('description'),
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

  builder.queryFields((t) => ({
    apiKeys: t.field({
      type: [ApiKeyRef],
      description: "The caller's own active API keys, newest first. Needs a signed-in person's token, not an API key.",
      resolve: (_root, _args, ctx) => apiKeys.listOwn(ctx.em, requireUser(ctx.userId)),
    }),
    apiKeyScopes: t.field({
      type: [ApiKeyScopeRef],
      description: 'Every scope an API key may carry (docs/scopes.md lists the fields each one opens).',
      resolve: () => API_KEY_SCOPE_LIST,
    }),
  }));

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
