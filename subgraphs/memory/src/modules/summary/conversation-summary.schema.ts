import type { Builder } from '../../builder.ts';

/** Extends the conversation subgraph's Conversation with the summary stored here. */
export function defineSummaryTypes(builder: Builder) {
  // Ownership of the conversation is the conversation subgraph's; here the summary row itself is
  // only ever read for the acting user (user_id in the loader's SQL), so a foreign one reads as null.
  const ConversationRef = builder.externalRef('Conversation', builder.selection<{ id: string }>('id'), (ref, ctx) =>
    ctx.userId ? ref : null,
  );
  ConversationRef.implement({
    externalFields: (t) => ({ id: t.id() }),
    fields: (t) => ({
      summary: t.string({
        nullable: true,
        description: 'A rolling summary of the conversation, once one has been written.',
        resolve: (conversation, _args, ctx) => ctx.loaders.summaryByConversation.load(conversation.id),
      }),
    }),
  });
}
