import { requireUser } from '@miyu/graphql/require-user';
import type { Builder } from '../../builder.ts';
import { deleteConversation } from './delete-conversation.ts';

export function defineDeleteConversation(builder: Builder) {
  builder.mutationField('deleteConversation', (t) =>
    t.boolean({
      description: 'Deletes one of your conversations and its messages.',
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, { id }, ctx) => deleteConversation(ctx.em, requireUser(ctx.userId), String(id)),
    }),
  );
}
