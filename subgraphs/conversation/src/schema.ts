import { buildSubgraphSchema } from '@miyu/graphql/federation';
import { definePageInfo } from '@miyu/graphql/pagination';
import { createBuilder } from './builder.ts';
import { defineConversationEdits } from './modules/conversation/conversation-edit.schema.ts';
import { defineConversationTypes } from './modules/conversation/conversation.schema.ts';
import { defineCancelReply } from './modules/message/cancel-reply.schema.ts';
import { defineMessageTypes } from './modules/message/message.schema.ts';
import { defineRegenerateReply } from './modules/message/regenerate-reply.schema.ts';
import { defineSendMessage, type SendMessageDeps } from './modules/message/send-message.schema.ts';
import { defineReplyStreamTypes } from './modules/reply/reply-stream.schema.ts';
import type { ReplyStreamDeps } from './modules/reply/reply-stream.ts';
import { defineUserExtension } from './modules/user/user.schema.ts';

export type SchemaServices = SendMessageDeps & ReplyStreamDeps;

export function buildConversationSchema(services: SchemaServices) {
  const builder = createBuilder();
  builder.queryType({});
  builder.mutationType({});
  builder.subscriptionType({});
  const PageInfoRef = definePageInfo(builder);
  const conversationTypes = defineConversationTypes(builder, PageInfoRef);
  const { MessageRef } = defineMessageTypes(builder, { ConversationRef: conversationTypes.ConversationRef, PageInfoRef });
  defineSendMessage(builder, { MessageRef }, services);
  defineRegenerateReply(builder, { MessageRef }, services);
  defineCancelReply(builder, { MessageRef }, services);
  defineConversationEdits(builder, conversationTypes);
  defineReplyStreamTypes(builder, { MessageRef }, services);
  defineUserExtension(builder, conversationTypes);
  return buildSubgraphSchema(builder);
}
