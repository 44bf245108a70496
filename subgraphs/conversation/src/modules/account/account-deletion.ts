import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import { withAccountDeletion } from '@miyu/events/revocation/with-account-deletion';
import type { EntityManager } from '@mikro-orm/core';
import type { EventAdapters, ReplyStreamStore } from '@miyu/events/event-types';
import type { AccountTable } from '@miyu/events/revocation/account-rows';
import { ConversationEntity } from '../conversation/conversation.entity.ts';
import { MessageEntity } from '../message/message.entity.ts';
import { OutboxEventEntity } from '../outbox/outbox.entity.ts';
import { lastSeqOf } from '../reply/stream-position.ts';

/** Conversation's tables that hold a person's rows (outbox rows from before its user_id column by their payload). */
export const CONVERSATION_ACCOUNT_TABLES: readonly AccountTable[] = [
  { entity: MessageEntity },
  { entity: ConversationEntity },
  { entity: OutboxEventEntity },
  { entity: OutboxEventEntity, expression: `("payload"->>'userId')` },
];

const STREAM_BATCH = 50;

/**
 * Before the rows go: every reply of the person still being written is stopped (its stream is
 * sealed and ended, so the job's cancel watch aborts the generation and every subscriber gets its
 * done chunk). After the commit the streams of the person's replies are dropped; a job still
 * queued finds no reply and ends without a word.
 */
export function stopRepliesOf(replyStreams: ReplyStreamStore) {
  return async (userId: string, em: EntityManager) => {
    const replies = await em.find(MessageEntity, { userId, role: 'ASSISTANT' }, { fields: ['id', 'status'] });
    for (const reply of replies) {
      if (reply.status !== 'PENDING' && reply.status !== 'STREAMING') continue;
      const chunks = await replyStreams.seal(reply.id);
      await replyStreams.append({ messageId: reply.id, seq: lastSeqOf(chunks) + 1, delta: '', done: true });
    }
    return async () => {
      for (let index = 0; index < replies.length; index += STREAM_BATCH)
        await Promise.all(replies.slice(index, index + STREAM_BATCH).map((reply) => replyStreams.reset(reply.id)));
    };
  };
}

/** The conversation subgraph taking part in deleteAccount: replies stopped, then rows and streams gone. */
export const withConversationAccountDeletion = <L>(
  definition: SubgraphDefinition<L>,
  events: EventAdapters,
): SubgraphDefinition<L> =>
  withAccountDeletion(definition, { events, tables: CONVERSATION_ACCOUNT_TABLES, prepare: stopRepliesOf(events.replyStreams) });
