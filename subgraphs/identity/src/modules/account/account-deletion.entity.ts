import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { defineUserOutboxEntity } from '@miyu/events/outbox/user-outbox-entity';

/**
 * A deletion asked for by deleteAccount. It names no one: once every subgraph has removed the
 * person's rows nothing left in any table refers to them, this row included; its random id is
 * what the person was given to follow the deletion.
 */
export const AccountDeletionEntity = defineEntity({
  name: 'AccountDeletion',
  tableName: 'account_deletions',
  properties: {
    id: p.uuid().primary(),
    /** The subgraphs that must each report their rows gone. */
    subgraphs: p.json<string[]>(),
    requestedAt: p.datetime(),
    completedAt: p.datetime().nullable(),
  },
});

/** One subgraph's report (`account.deletion_progressed`): its rows of the deleted account are gone. */
export const AccountDeletionStepEntity = defineEntity({
  name: 'AccountDeletionStep',
  tableName: 'account_deletion_steps',
  properties: {
    deletionId: p.uuid().primary(),
    subgraph: p.string().length(32).primary(),
    rowsDeleted: p.integer(),
    doneAt: p.datetime(),
  },
});

/** Identity's events (`account.deleted`), staged in the transaction that records the deletion. */
export const IdentityEventOutboxEntity = defineUserOutboxEntity('IdentityEventOutbox', 'identity_events_outbox');

export type AccountDeletionRow = InferEntity<typeof AccountDeletionEntity>;
export type AccountDeletionStepRow = InferEntity<typeof AccountDeletionStepEntity>;
