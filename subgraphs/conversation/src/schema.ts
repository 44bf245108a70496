import type { Orm } from '@miyu/db/create-orm';
import type { ReplyStreamStore } from '@miyu/events/event-types';
import { buildSubgraphSchema } from '@miyu/graphql/federation';
import { type AdmissionQueue, createAdmissionQueue } from '@miyu/platform/admission-queue';
import { definePageInfo } from '@miyu/graphql/pagination';
import { createBuilder } from './builder.ts';
import { defineConversationEdits } from './modules/conversation/conversation-edit.schema.ts';
import { defineConversationTypes } from './modules/conversation/conversation.schema.ts';
import type { MessageRow } from './modules/message/message.entity.ts';
import { defineDeleteConversation } from './modules/message/delete-conversation.schema.ts';
import { defineMessageTypes } from './modules/message/message.schema.ts';
import { defineRegenerateReply } from './modules/message/regenerate-reply.schema.ts';
import type { ReplyStarter } from './modules/message/reply-starter.ts';
import { SEND_ADMISSION } from './modules/message/send-admission.ts';
import { defineSendMessage } from './modules/message/send-message.schema.ts';
import { defineCancelReply } from './modules/reply/cancel-reply.schema.ts';
import { defineReplyStreamTypes } from './modules/reply/reply-stream.schema.ts';
import { defineUserExtension } from './modules/user/user.schema.ts';

/** What the resolvers use, built once by app.ts's setup(); each field is handed on by name below. */
export interface SchemaServices {
  orm: Orm;
  now: () => Date;
  /** After a commit that staged outbox rows: the relay publishes within its batch window. */
  onOutboxWrite: () => void;
  /** The reply pipeline (modules/reply/reply-pipeline.ts): prepares and starts replies. */
  replies: ReplyStarter;
  replyStreams: ReplyStreamStore;
  /** Shared reads of final rows (createFinalMessageReader). */
  readFinalMessage: (message: MessageRow) => Promise<MessageRow | null>;
  /** sendMessage's concurrency cap and queue (default: SEND_ADMISSION). */
  sendAdmission?: AdmissionQueue;
}

export function buildConversationSchema(services: SchemaServices) {
  const { orm, now, onOutboxWrite, replies, replyStreams, readFinalMessage } = services;
  const builder = createBuilder();
  builder.queryType({});
  builder.mutationType({});
  builder.subscriptionType({});
  const PageInfoRef = definePageInfo(builder);
  const conversationTypes = defineConversationTypes(builder, PageInfoRef);
  const { MessageRef } = defineMessageTypes(builder, { ConversationRef: conversationTypes.ConversationRef, PageInfoRef });
  const admission = services.sendAdmission ?? createAdmissionQueue(SEND_ADMISSION);
  defineSendMessage(builder, { MessageRef }, { now, onOutboxWrite, replies, admission });
  defineRegenerateReply(builder, { MessageRef }, { replies });
  defineCancelReply(builder, { MessageRef }, { orm, replyStreams, now, onOutboxWrite });
  defineConversationEdits(builder, conversationTypes);
  defineDeleteConversation(builder);
  defineReplyStreamTypes(builder, { MessageRef }, { orm, replyStreams, readFinalMessage });
  defineUserExtension(builder, conversationTypes);
  return buildSubgraphSchema(builder);
}
