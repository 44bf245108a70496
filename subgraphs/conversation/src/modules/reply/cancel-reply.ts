import { LockMode } from '@mikro-orm/core';
import type { Orm } from '@miyu/db/create-orm';
import type { ReplyChunkRecord, ReplyStreamStore } from '@miyu/events/event-types';
import { errors } from '@miyu/platform/errors';
import { ConversationEntity } from '../conversation/conversation.entity.ts';
import { formatReply } from './reply-formatter.ts';
import { completeReply, isFinal } from './reply-store.ts';
import { lastSeqOf } from './stream-position.ts';
import { isUuid } from '@miyu/graphql/ids';
import { type MessageRow, MessageEntity } from '../message/message.entity.ts';

export interface CancelReplyDeps {
  orm: Orm;
  replyStreams: ReplyStreamStore;
  now: () => Date;
  onOutboxWrite: () => void;
}

/** The text a subscriber holds after these chunks (in stream order): everything after the last reset. */
export function streamedText(chunks: readonly ReplyChunkRecord[]): string {
  let text = '';
  for (const chunk of chunks) text = chunk.reset ? '' : text + chunk.delta;
  return text;
}

/**
 * Stops a reply while it is written: the row becomes COMPLETE with the text streamed so far (with
 * its `reply.completed` event, so memories and quests see what the person saw) and the stream
 * gets its done chunk. With the row locked the stream is sealed first: from then on it takes no
 * text, so the text saved is exactly the text of the chunks before the done chunk, even while the
 * job is still appending. The done chunk follows the commit (a subscriber reads the final row when
 * it sees it). The running job watches its stream for that done chunk and stops generating (see
 * reply-cancel-watch.ts). A reply that is already final is returned unchanged, so a late Stop is
 * harmless.
 */
export async function cancelReply(deps: CancelReplyDeps, userId: string, replyId: string): Promise<MessageRow> {
  if (!isUuid(replyId)) throw errors.notFound('Message');
  const id = replyId.toLowerCase();
  const cancelled = await deps.orm.em.fork().transactional(async (tx) => {
    const reply = await tx.findOne(MessageEntity, { id, userId, role: 'ASSISTANT' }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!reply) throw errors.notFound('Message');
    if (isFinal(reply)) return { reply, doneSeq: undefined };
    // Should this transaction fail, the stream stays sealed and a repeated Stop saves the same text.
    const chunks = await deps.replyStreams.seal(id);
    const content = streamedText(chunks);
    const conversation = await tx.findOneOrFail(ConversationEntity, { id: reply.conversationId, userId });
    const result = { text: content, model: reply.model, fellBack: false };
    completeReply(tx, reply, result, formatReply(content, conversation.platform), deps.now());
    return { reply, doneSeq: lastSeqOf(chunks) + 1 };
  });
  if (cancelled.doneSeq === undefined) return cancelled.reply;
  deps.onOutboxWrite();
  // Dropped if the job, finding the row final, ended the stream first.
  await deps.replyStreams.append({ messageId: id, seq: cancelled.doneSeq, delta: '', done: true });
  return cancelled.reply;
}
