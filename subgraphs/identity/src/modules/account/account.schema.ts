import { ACCOUNT_SUBGRAPHS } from '@miyu/events/catalog/event-catalog';
import { requireUser } from '@miyu/graphql/require-user';
import type { Builder } from '../../builder.ts';
import type { AccountDeletionView, AccountDeletionService } from './account-deletion.service.ts';

interface StepView {
  subgraph: string;
  done: boolean;
  rowsDeleted: number | null;
  doneAt: Date | null;
}

function stepsOf(view: AccountDeletionView): StepView[] {
  return view.deletion.subgraphs.map((subgraph) => {
    const step = view.steps.find((candidate) => candidate.subgraph === subgraph);
    return { subgraph, done: Boolean(step), rowsDeleted: step?.rowsDeleted ?? null, doneAt: step?.doneAt ?? null };
  });
}

export function defineAccountTypes(builder: Builder, deletions: AccountDeletionService) {
  const StepRef = builder.objectRef<StepView>('AccountDeletionStep').implement({
    description: "One service's part of a deletion: done once it has removed every row of the account.",
    fields: (t) => ({
      subgraph: t.exposeString('subgraph', { description: `One of ${ACCOUNT_SUBGRAPHS.join(', ')}.` }),
      done: t.exposeBoolean('done'),
      rowsDeleted: t.exposeInt('rowsDeleted', { nullable: true }),
      doneAt: t.field({ type: 'DateTime', nullable: true, resolve: (step) => step.doneAt }),
    }),
  });
  const DeletionRef = builder.objectRef<AccountDeletionView>('AccountDeletion').implement({
    description: 'A deleted account being removed from every service. It names no one; its id is the only way to follow it.',
    fields: (t) => ({
      id: t.id({ resolve: (view) => view.deletion.id }),
      requestedAt: t.field({ type: 'DateTime', resolve: (view) => view.deletion.requestedAt }),
      completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (view) => view.deletion.completedAt }),
      done: t.boolean({ resolve: (view) => view.deletion.completedAt !== null }),
      steps: t.field({ type: [StepRef], resolve: stepsOf }),
    }),
  });

  builder.mutationField('deleteAccount', (t) =>
    t.field({
      type: DeletionRef,
      description:
        "Deletes the caller's account and everything every service holds about them. Sign-in tokens and API keys stop working at once; each service then removes its rows (follow it with accountDeletion). Needs confirm: true and a signed-in person's token.",
      args: { confirm: t.arg.boolean({ description: 'Must be true: nothing is deleted otherwise.' }) },
      resolve: (_root, { confirm }, ctx) => deletions.request(ctx.em, requireUser(ctx.userId), confirm),
    }),
  );

  builder.queryField('accountDeletion', (t) =>
    t.field({
      type: DeletionRef,
      nullable: true,
      description: 'The progress of a deletion, by the id deleteAccount returned (no sign-in: the account is gone).',
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, { id }, ctx) => deletions.find(ctx.em, String(id)),
    }),
  );
}
