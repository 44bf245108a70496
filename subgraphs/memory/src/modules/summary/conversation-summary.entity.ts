import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** A rolling summary of one conversation, written by the extraction pipeline. */
export const ConversationSummaryEntity = defineEntity({
  name: 'ConversationSummary',
  tableName: 'conversation_summaries',
  properties: {
    conversationId: p.uuid().primary(),
    userId: p.uuid().index(),
    summary: p.text(),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});

export type ConversationSummaryRow = InferEntity<typeof ConversationSummaryEntity>;
