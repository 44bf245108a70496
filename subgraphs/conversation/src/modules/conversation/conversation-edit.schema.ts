import type { Builder } from '../../builder.ts';
import { requireUser } from '@miyu/graphql/require-user';
import { renameConversation } from './conversation-edit.ts';
import type { ConversationTypes } from './conversation.schema.ts';

export function defineConversationEdits(builder: Builder, refs: Pick<ConversationTypes, 'ConversationRef'>) {
  const RenameConversationInput = builder.inputType('RenameConversationInput', {
    fields: (t) => ({
      id: t.id({ required: true }),
      title: t.string({ description: 'At most 200 characters; blank or null removes the title.' }),
    }),
  });

  builder.mutationField('renameConversation', (t) =>
    t.field({
      type: refs.ConversationRef,
      description: 'Renames one of your conversations.',
      args: { input: t.arg({ type: RenameConversationInput, required: true }) },
      resolve: (_root, { input }, ctx) => renameConversation(ctx.em, requireUser(ctx.userId), input),
    }),
  );
}
