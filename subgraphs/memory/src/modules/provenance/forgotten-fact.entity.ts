import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * What a person made MIYU forget, per source message: extraction from that message never stores
 * that fact again (a redelivered or re-extracted message). Said again in a new message, or
 * remembered explicitly, it is new information and is stored.
 */
export const ForgottenFactEntity = defineEntity({
  name: 'ForgottenFact',
  tableName: 'memory_forgotten_facts',
  properties: {
    userId: p.uuid().primary(),
    messageId: p.uuid().primary(),
    /** contentKey of the forgotten text (memory-content.ts): normalised, hashed. */
    factKey: p.string().length(64).primary(),
    forgottenAt: p.datetime(),
  },
});

export type ForgottenFactRow = InferEntity<typeof ForgottenFactEntity>;
