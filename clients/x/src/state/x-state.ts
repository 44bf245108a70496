import { createStateFile } from '@miyu/sdk/state-file';
import type { Mention } from '../x-api/x-api.ts';

/** The posts of a mention's answer already on X, so a replay continues the thread instead of repeating it. */
export interface ThreadProgress {
  /** Ids of the posts already sent, in thread order. */
  postIds: string[];
}

interface XStateDocument {
  /** The newest mention received and recorded here: the next poll's since_id. */
  sinceId?: string;
  /** Received mentions whose answer is not complete yet, by tweet id. */
  pending: Record<string, { mention: Mention; progress: ThreadProgress }>;
  /** X user id → MIYU conversation id. */
  conversations: Record<string, string>;
}

/**
 * The worker's durable memory (`<MIYU_DATA_DIR>/x/state.json`, replaced atomically): a mention is
 * recorded with the since_id that passes it in one write, and removed when its whole thread is
 * posted. After a restart, unfinished mentions are answered again from where their thread stopped
 * (sendMessage's clientMessageId `x:<tweet id>` returns the same reply) and polling goes on after
 * the saved since_id, so no mention is answered twice.
 */
export function createXState(path: string) {
  const file = createStateFile<XStateDocument>(path, () => ({ pending: {}, conversations: {} }));
  const state = file.load();
  const save = () => file.save(state);

  return {
    get sinceId(): string | undefined {
      return state.sinceId;
    },
    unfinished(): Mention[] {
      return Object.values(state.pending)
        .map((entry) => entry.mention)
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    },
    /** Records a poll's mentions and its newest id together; returns the mentions not seen before. */
    receive(mentions: Mention[], newestId: string | undefined): Mention[] {
      const fresh = mentions.filter((mention) => !state.pending[mention.id]);
      for (const mention of fresh) state.pending[mention.id] = { mention, progress: { postIds: [] } };
      if (newestId && (!state.sinceId || BigInt(newestId) > BigInt(state.sinceId))) state.sinceId = newestId;
      if (fresh.length > 0 || newestId) save();
      return fresh;
    },
    progress(mentionId: string): ThreadProgress {
      return { postIds: [...(state.pending[mentionId]?.progress.postIds ?? [])] };
    },
    recordPost(mentionId: string, postId: string): void {
      const entry = state.pending[mentionId];
      if (!entry) return;
      entry.progress.postIds.push(postId);
      save();
    },
    finish(mentionId: string): void {
      if (!state.pending[mentionId]) return;
      delete state.pending[mentionId];
      save();
    },
    conversation(xUserId: string): string | undefined {
      return state.conversations[xUserId];
    },
    rememberConversation(xUserId: string, conversationId: string): void {
      state.conversations[xUserId] = conversationId;
      save();
    },
  };
}

export type XState = ReturnType<typeof createXState>;
