import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { JWK } from 'jose';

/** Token signing keys live in the database so every identity replica signs with the same key. */
export const SigningKeyEntity = defineEntity({
  name: 'SigningKey',
  tableName: 'signing_keys',
  properties: {
    kid: p.string().length(64).primary(),
    privateJwk: p.json<JWK>().hidden(),
    publicJwk: p.json<JWK>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type SigningKeyRow = InferEntity<typeof SigningKeyEntity>;
