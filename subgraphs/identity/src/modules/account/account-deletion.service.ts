import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { ACCOUNT_SUBGRAPHS, checkedPayload } from '@miyu/events/catalog/event-catalog';
import type { AccountRevocations } from '@miyu/events/revocation/account-revocations';
import { isUuid } from '@miyu/graphql/ids';
import { errors } from '@miyu/platform/errors';
import {
  AccountDeletionEntity,
  type AccountDeletionRow,
  AccountDeletionStepEntity,
  type AccountDeletionStepRow,
  IdentityEventOutboxEntity,
} from './account-deletion.entity.ts';

export interface AccountDeletionView {
  deletion: AccountDeletionRow;
  steps: AccountDeletionStepRow[];
}

export const CONFIRM_REQUIRED =
  'deleteAccount removes your account and everything MIYU holds about you, for good: pass confirm: true. Nothing was deleted.';

export function createAccountDeletionService(deps: {
  revocations: AccountRevocations;
  /** Publishes the outbox at once instead of at the relay's next pass. */
  nudge: () => void;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  async function view(em: EntityManager, deletion: AccountDeletionRow): Promise<AccountDeletionView> {
    const steps = await em.find(AccountDeletionStepEntity, { deletionId: deletion.id }, { orderBy: { doneAt: 'asc' } });
    return { deletion, steps };
  }

  return {
    /**
     * Records the deletion and its `account.deleted` event in one transaction, then revokes every
     * credential of the person (the router refuses them from the next request on). The subgraphs
     * then remove the rows (identity's own too), each reporting back. Revoking after the commit
     * means a failed request leaves a usable account rather than a locked one with its data kept;
     * identity's consumer revokes again before it deletes anything.
     */
    async request(em: EntityManager, userId: string, confirm: boolean | null | undefined): Promise<AccountDeletionView> {
      if (confirm !== true) throw errors.badInput(CONFIRM_REQUIRED);
      const at = now();
      const deletion = await em.fork().transactional(async (tx) => {
        const row = tx.create(AccountDeletionEntity, {
          id: randomUUID(),
          subgraphs: [...ACCOUNT_SUBGRAPHS],
          requestedAt: at,
          completedAt: null,
        });
        tx.create(IdentityEventOutboxEntity, {
          id: randomUUID(),
          userId,
          type: 'account.deleted',
          payload: checkedPayload('account.deleted', { deletionId: row.id, subgraphs: [...ACCOUNT_SUBGRAPHS] }),
          createdAt: at,
          publishedAt: null,
        });
        return row;
      });
      await deps.revocations.revoke(userId);
      deps.nudge();
      return { deletion, steps: [] };
    },

    /** A deletion by its id (the id is the capability: it names no one and cannot be guessed). */
    async find(em: EntityManager, id: string): Promise<AccountDeletionView | null> {
      if (!isUuid(id)) return null;
      const deletion = await em.findOne(AccountDeletionEntity, { id: id.toLowerCase() });
      return deletion ? view(em, deletion) : null;
    },

    /** One subgraph's report; idempotent. The deletion completes when every subgraph has reported. */
    async recordProgress(em: EntityManager, report: { deletionId: string; subgraph: string; rowsDeleted: number }) {
      await em.fork().transactional(async (tx) => {
        const deletion = await tx.findOne(AccountDeletionEntity, { id: report.deletionId });
        if (!deletion) return;
        const step = await tx.findOne(AccountDeletionStepEntity, { deletionId: report.deletionId, subgraph: report.subgraph });
        if (!step)
          tx.create(AccountDeletionStepEntity, {
            deletionId: report.deletionId,
            subgraph: report.subgraph,
            rowsDeleted: report.rowsDeleted,
            doneAt: now(),
          });
        await tx.flush();
        const done = await tx.count(AccountDeletionStepEntity, { deletionId: report.deletionId });
        if (!deletion.completedAt && done >= deletion.subgraphs.length) deletion.completedAt = now();
      });
    },
  };
}

export type AccountDeletionService = ReturnType<typeof createAccountDeletionService>;
