import type { Update } from 'grammy/types';
import { createStateFile } from '@miyu/sdk/state-file';

/** What has been shown to the person for one update's reply, so a replay continues, not repeats. */
export interface DeliveryProgress {
  /** Telegram message ids already holding the reply (the streamed message first). */
  messageIds: number[];
  /** How many final parts are delivered in their final form. */
  finalParts: number;
}

interface JournalState {
  /** The next update id to ask for: every update below it has been received and journaled. */
  offset: number;
  /** Received but not finished updates, with what their reply has delivered so far. */
  pending: Record<string, { update: Update; progress: DeliveryProgress }>;
  /** Recently finished update ids (webhooks may deliver one again). */
  done: number[];
  /** chat (and, in groups, user) → MIYU conversation id. */
  conversations: Record<string, string>;
}

const DONE_KEPT = 500;

/**
 * The worker's durable memory of updates. Telegram considers an update confirmed as soon as the
 * next getUpdates asks for a higher offset, which grammY's runner does before the update is
 * handled; so an update is written here when it arrives and removed when it is finished. After a
 * restart the unfinished ones are handled again (sendMessage's clientMessageId makes that return
 * the same reply, and `progress` says which Telegram messages already show it), and polling goes
 * on from the saved offset.
 */
export function createUpdateJournal(path: string) {
  const file = createStateFile<JournalState>(path, () => ({ offset: 0, pending: {}, done: [], conversations: {} }));
  const state = file.load();
  const done = new Set(state.done);
  const save = () => file.save({ ...state, done: [...done] });

  return {
    get offset(): number {
      return state.offset;
    },
    /** Updates left unfinished by a previous run, oldest first. */
    unfinished(): Update[] {
      return Object.values(state.pending)
        .map((entry) => entry.update)
        .sort((a, b) => a.update_id - b.update_id);
    },
    /** Records freshly received updates; returns the ones not seen before. */
    receive(updates: Update[]): Update[] {
      const fresh = updates.filter((update) => !done.has(update.update_id) && !state.pending[update.update_id]);
      for (const update of fresh) state.pending[update.update_id] = { update, progress: { messageIds: [], finalParts: 0 } };
      const last = updates.at(-1);
      if (last) state.offset = Math.max(state.offset, last.update_id + 1);
      if (updates.length > 0) save();
      return fresh;
    },
    progress(updateId: number): DeliveryProgress {
      return state.pending[updateId]?.progress ?? { messageIds: [], finalParts: 0 };
    },
    recordProgress(updateId: number, progress: DeliveryProgress): void {
      const entry = state.pending[updateId];
      if (!entry) return;
      entry.progress = progress;
      save();
    },
    finish(updateId: number): void {
      if (!state.pending[updateId]) return;
      delete state.pending[updateId];
      done.add(updateId);
      if (done.size > DONE_KEPT) done.delete(done.values().next().value as number);
      save();
    },
    conversation(key: string): string | undefined {
      return state.conversations[key];
    },
    rememberConversation(key: string, conversationId: string): void {
      state.conversations[key] = conversationId;
      save();
    },
  };
}

export type UpdateJournal = ReturnType<typeof createUpdateJournal>;
