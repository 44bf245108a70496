import type { Builder, PageInfoRef } from '../../builder.ts';
import { isUuid } from '@miyu/graphql/ids';
import { requireUser } from '@miyu/graphql/require-user';
import { type ConversationRow, PLATFORMS } from './conversation.entity.ts';
import { type ConversationPage, startConversation } from './conversation.service.ts';

export function defineConversationTypes(builder: Builder, PageInfoRef: PageInfoRef) {
  const PlatformEnum = builder.enumType('Platform', { values: PLATFORMS });

  const ConversationRef = builder.objectRef<ConversationRow>('Conversation').implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      title: t.exposeString('title', { nullable: true }),
      platform: t.field({ type: PlatformEnum, resolve: (conversation) => conversation.platform }),
      createdAt: t.field({ type: 'DateTime', resolve: (conversation) => conversation.createdAt }),
    }),
  });

  // Other subgraphs (memory's Conversation.summary) resolve conversations by id; a foreign id
  // reads as null, like a missing one.
  builder.asEntity(ConversationRef, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: (ref, ctx) => ctx.loaders.conversationById.load(ref.id),
  });

  const ConversationConnectionRef = builder.objectRef<ConversationPage>('ConversationConnection').implement({
    fields: (t) => ({
      nodes: t.field({ type: [ConversationRef], resolve: (page) => page.nodes }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (page) => page.pageInfo }),
    }),
  });

  const StartConversationInput = builder.inputType('StartConversationInput', {
    fields: (t) => ({ platform: t.field({ type: PlatformEnum, required: true }), title: t.string() }),
  });

  builder.queryField('conversation', (t) =>
    t.field({
      type: ConversationRef,
      nullable: true,
      args: { id: t.arg.id({ required: true }) },
      // A malformed id cannot name any conversation: null, like a missing or foreign one.
      resolve: (_root, { id }, ctx) => (isUuid(id) ? ctx.loaders.conversationById.load(id) : null),
    }),
  );

  builder.mutationField('startConversation', (t) =>
    t.field({
      type: ConversationRef,
      args: { input: t.arg({ type: StartConversationInput, required: true }) },
      resolve: (_root, { input }, ctx) => startConversation(ctx.em, requireUser(ctx.userId), input),
    }),
  );

  return { ConversationRef, ConversationConnectionRef, PlatformEnum };
}

export type ConversationTypes = ReturnType<typeof defineConversationTypes>;
