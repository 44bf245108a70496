import type { Orm } from '@miyu/db/create-orm';
import { MessageEntity } from '../message/message.entity.ts';
import type { ReplyJobData } from './reply-queue.ts';

/**
 * Re-enqueues replies left PENDING or STREAMING by a process that stopped (the in-memory queue
 * of embedded mode loses its jobs on restart). Job ids dedupe against jobs still queued or
 * running elsewhere, and the job itself skips replies that are already final.
 */
export async function recoverUnfinishedReplies(
  orm: Orm,
  since: Date,
  enqueue: (data: ReplyJobData) => Promise<unknown>,
  limit = 500,
  /** Only replies created before this (the sweep leaves fresh ones to their own job). */
  before?: Date,
): Promise<number> {
  const replies = await orm.em.fork().find(
    MessageEntity,
    {
      role: 'ASSISTANT',
      status: { $in: ['PENDING', 'STREAMING'] },
      createdAt: before ? { $gte: since, $lt: before } : { $gte: since },
    },
    { fields: ['id', 'userId'], orderBy: { createdAt: 'asc' }, limit },
  );
  for (const reply of replies) await enqueue({ replyId: reply.id, userId: reply.userId });
  return replies.length;
}
