import type { Api, Context } from 'grammy';
import type { MiyuClient } from '@miyu/sdk/miyu-client';
import type { Logger } from '@miyu/platform/logger';
import type { ConversationMap } from '../miyu/conversation-map.ts';
import type { SessionCache } from '@miyu/sdk/session-cache';
import type { TelegramMetrics } from '../ops/telegram-metrics.ts';
import type { createReplyStreamer } from '../reply/reply-streamer.ts';
import type { UpdateJournal } from '../state/update-journal.ts';

/** What every handler shares: the worker's parts, created once in telegram-worker.ts. */
export interface WorkerParts {
  api: Api;
  sessions: SessionCache;
  conversations: ConversationMap;
  journal: UpdateJournal;
  metrics: TelegramMetrics;
  logger: Logger;
  streamReply: ReturnType<typeof createReplyStreamer>;
  drafts: { enabled: boolean };
  /** Aborted when the worker stops: unfinished replies stay in the journal for the next run. */
  stopping: AbortSignal;
  /** When each update reached the worker (for the latency histogram). */
  receivedAt: Map<number, number>;
}

/** The MIYU client acting for the update's sender. */
export async function sessionOf(parts: WorkerParts, ctx: Context): Promise<{ client: MiyuClient; userId: string }> {
  const from = ctx.from;
  if (!from) throw new Error('update without a sender');
  const displayName = [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username;
  return parts.sessions.sessionFor({ externalId: String(from.id), username: from.username, displayName });
}
