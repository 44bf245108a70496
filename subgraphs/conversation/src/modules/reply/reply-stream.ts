import type { Orm } from '@miyu/db/create-orm';
import { abortableGenerator } from '@miyu/events/async-iterators';
import type { ReplyChunkRecord, ReplyStreamStore } from '@miyu/events/event-types';
import { errors } from '@miyu/platform/errors';
import { isUuid } from '@miyu/graphql/ids';
import { type MessageRow, MessageEntity } from '../message/message.entity.ts';
import { isFinal } from './reply-store.ts';
import { lastSeqOf, readStoredChunks } from './stream-position.ts';

/** One ReplyChunk as the schema resolves it. */
export interface ReplyChunkPayload {
  messageId: string;
  /** The subscriber, checked again per event by the ReplyChunk rule. */
  userId: string;
  seq: number;
  delta: string;
  done: boolean;
  reset: boolean;
  /** The stored message, loaded fresh for the done chunk; null before. */
  message: MessageRow | null;
}

export interface ReplyStreamDeps {
  orm: Orm;
  replyStreams: ReplyStreamStore;
  /** Shared reads of final rows (createFinalMessageReader). */
  readFinalMessage: (message: MessageRow) => Promise<MessageRow | null>;
}

/**
 * Opens a reply's chunk stream for its owner: stored chunks after `afterSeq`, then live ones,
 * ending after the done chunk. A foreign or missing message is NOT_FOUND (the same error), and
 * the check runs before the stream opens so the subscription fails instead of hanging.
 */
export async function openReplyStream(deps: ReplyStreamDeps, userId: string, messageId: string, afterSeq: number) {
  const message = isUuid(messageId)
    ? await deps.orm.em.fork().findOne(MessageEntity, { id: messageId.toLowerCase(), userId })
    : null;
  if (!message) throw errors.notFound('Message');
  return abortableGenerator((signal) => chunks(deps, message, afterSeq, signal));
}

const FINAL_READ_REUSE_MS = 1_000;

/**
 * Reads the stored message for a done chunk. Thousands of subscribers of one reply reach its done
 * chunk together; they share one read (the row no longer changes once the reply is final, so a
 * read is reused for a second) instead of each reading it.
 */
export function createFinalMessageReader(orm: Orm) {
  const reads = new Map<string, Promise<MessageRow | null>>();
  return (message: MessageRow): Promise<MessageRow | null> => {
    const key = `${message.userId}:${message.id}`;
    const pending = reads.get(key);
    if (pending) return pending;
    const read = orm.em.fork().findOne(MessageEntity, { id: message.id, userId: message.userId });
    reads.set(key, read);
    const forget = () => setTimeout(() => reads.delete(key), FINAL_READ_REUSE_MS).unref();
    read.then(forget, () => reads.delete(key));
    return read;
  };
}

async function* chunks(
  deps: ReplyStreamDeps,
  message: MessageRow,
  afterSeq: number,
  signal: AbortSignal,
): AsyncGenerator<ReplyChunkPayload> {
  const fresh = () => deps.readFinalMessage(message);
  const payload = async (chunk: ReplyChunkRecord): Promise<ReplyChunkPayload> => ({
    ...chunk,
    userId: message.userId,
    reset: chunk.reset === true,
    message: chunk.done ? await fresh() : null,
  });

  if (isFinal(message)) {
    const stored = await readStoredChunks(deps.replyStreams, message.id);
    if (stored.some((chunk) => chunk.done)) {
      for (const chunk of stored) if (chunk.seq > afterSeq) yield await payload(chunk);
      return;
    }
    // The stream is gone (expired, or an embedded restart lost it): rebuild it from the row.
    const final = (await fresh()) ?? message;
    const base = { messageId: message.id, userId: message.userId, message: null };
    const last = Math.max(lastSeqOf(stored), afterSeq);
    if (last < 0) {
      yield { ...base, seq: 0, delta: final.content, done: true, reset: false, message: final };
      return;
    }
    yield { ...base, seq: last + 1, delta: '', done: false, reset: true };
    yield { ...base, seq: last + 2, delta: final.content, done: true, reset: false, message: final };
    return;
  }

  for await (const chunk of deps.replyStreams.follow(message.id, afterSeq, signal)) {
    yield await payload(chunk);
    if (chunk.done) return;
  }
}
