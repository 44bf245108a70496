import { pageSize } from '@miyu/graphql/pagination';
import type { Builder, PageInfoRef } from '../../builder.ts';
import { decodeUuidCursor } from '@miyu/graphql/ids';
import type { ConversationTypes } from '../conversation/conversation.schema.ts';
import { MESSAGE_ROLES, MESSAGE_STATUSES, type MessageRow } from './message.entity.ts';
import type { MessagePage } from './message-page.ts';

export function defineMessageTypes(
  builder: Builder,
  refs: { ConversationRef: ConversationTypes['ConversationRef']; PageInfoRef: PageInfoRef },
) {
  const { ConversationRef, PageInfoRef } = refs;
  const RoleEnum = builder.enumType('MessageRole', { values: MESSAGE_ROLES });
  const StatusEnum = builder.enumType('MessageStatus', { values: MESSAGE_STATUSES });

  const MessageRef = builder.objectRef<MessageRow>('Message').implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      conversation: t.field({
        type: ConversationRef,
        resolve: async (message, _args, ctx) => {
          const conversation = await ctx.loaders.conversationById.load(message.conversationId);
          // A message outlives nothing: its conversation is owned by the same user.
          if (!conversation) throw new Error(`conversation of message ${message.id} not found`);
          return conversation;
        },
      }),
      role: t.field({ type: RoleEnum, resolve: (message) => message.role }),
      content: t.exposeString('content'),
      status: t.field({ type: StatusEnum, resolve: (message) => message.status }),
      model: t.exposeString('model', { nullable: true }),
      contextComplete: t.exposeBoolean('contextComplete', {
        nullable: true,
        description:
          'For a completed reply: false when it was written without its full context (the context query timed out or failed, so persona, memories or summary may be missing); null for user messages and unfinished replies.',
      }),
      formattedParts: t.stringList({
        description:
          "The reply shaped for its conversation's platform: web/API one markdown part, Telegram MarkdownV2 messages (<= 4096 chars), X thread parts (<= 280 chars). Empty until a reply is complete; a user message's content as one part.",
        resolve: (message) => message.formatted ?? (message.role === 'USER' && message.content ? [message.content] : []),
      }),
      createdAt: t.field({ type: 'DateTime', resolve: (message) => message.createdAt }),
    }),
  });

  // personality @requires(content role) and memory's Memory.source resolve messages by id.
  builder.asEntity(MessageRef, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: (ref, ctx) => ctx.loaders.messageById.load(ref.id),
  });

  builder.objectField(MessageRef, 'replyTo', (t) =>
    t.field({
      type: MessageRef,
      nullable: true,
      description: "For an assistant reply: the user's message it answers.",
      resolve: (message, _args, ctx) => (message.replyToId ? ctx.loaders.messageById.load(message.replyToId) : null),
    }),
  );

  const MessageConnectionRef = builder.objectRef<MessagePage>('MessageConnection').implement({
    fields: (t) => ({
      nodes: t.field({ type: [MessageRef], resolve: (page) => page.nodes }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (page) => page.pageInfo }),
    }),
  });

  builder.objectField(ConversationRef, 'messages', (t) =>
    t.field({
      type: MessageConnectionRef,
      description: 'The last `last` messages before the cursor, oldest first; page back with pageInfo.startCursor.',
      args: { last: t.arg.int({ defaultValue: 50 }), before: t.arg.string() },
      resolve: (conversation, args, ctx) =>
        ctx.loaders.messagePage.load({
          conversationId: conversation.id,
          last: pageSize(args.last, 50),
          before: decodeUuidCursor(args.before),
        }),
    }),
  );

  return { MessageRef };
}

export type MessageTypes = ReturnType<typeof defineMessageTypes>;
