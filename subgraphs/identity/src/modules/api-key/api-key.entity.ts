import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

export const ApiKeyEntity = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    id: p.string().length(32).primary(),
    userId: p.uuid().index(),
    name: p.string().length(100),
    scopes: p.json<string[]>(),
    /** SHA-256 of the full secret; the secret itself is shown once and never stored. */
    secretHash: p.string().length(64).hidden(),
    createdAt: p.datetime().onCreate(() => new Date()),
    revokedAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
  },
});

export type ApiKeyRow = InferEntity<typeof ApiKeyEntity>;
