import type { Builder } from '../../builder.ts';
import type { ConversationTypes } from '../conversation/conversation.schema.ts';
import { listConversations } from '../conversation/conversation.service.ts';

/** Extends identity's User with the caller's conversations. */
export function defineUserExtension(builder: Builder, { ConversationConnectionRef }: ConversationTypes) {
  // A foreign user id resolves to null, indistinguishable from a missing one.
  const UserRef = builder.externalRef('User', builder.selection<{ id: string }>('id'), (ref, ctx) =>
    ref.id === ctx.userId ? ref : null,
  );
  UserRef.implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      conversations: t.field({
        type: ConversationConnectionRef,
        args: { first: t.arg.int({ defaultValue: 20 }), after: t.arg.string() },
        resolve: async (user, args, ctx) => {
          const page = await listConversations(ctx.em, user.id, args);
          // Message.conversation under these nodes then needs no second look-up.
          for (const conversation of page.nodes) ctx.loaders.conversationById.prime(conversation.id, conversation);
          return page;
        },
      }),
    }),
  });
}
