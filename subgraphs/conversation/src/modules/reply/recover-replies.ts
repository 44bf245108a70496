import type { Orm } from '@miyu/db/create-orm';
import type { JobQueue } from '@miyu/events/event-types';
import { MessageEntity } from '../message/message.entity.ts';
import { REPLY_JOB_ATTEMPTS, REPLY_JOB_BACKOFF_MS, type ReplyJobData } from './reply-queue.ts';

/**
 * Re-enqueues replies left PENDING or STREAMING by a process that stopped (the in-memory queue
 * of embedded mode loses its jobs on restart). Job ids dedupe against jobs still queued or
 * running elsewhere, and the job itself skips replies that are already final.
 */
export async function recoverUnfinishedReplies(
  orm: Orm,
  queue: JobQueue<ReplyJobData>,
  since: Date,
  limit = 500,
): Promise<number> {
  const replies = await orm.em
    .fork()
    .find(
      MessageEntity,
      { role: 'ASSISTANT', status: { $in: ['PENDING', 'STREAMING'] }, createdAt: { $gte: since } },
      { fields: ['id', 'userId'], orderBy: { createdAt: 'asc' }, limit },
    );
  for (const reply of replies) {
    await queue.add(
      { replyId: reply.id, userId: reply.userId },
      { jobId: reply.id, attempts: REPLY_JOB_ATTEMPTS, backoffMs: REPLY_JOB_BACKOFF_MS },
    );
  }
  return replies.length;
}
