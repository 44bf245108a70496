import type { ReplyChunkRecord, ReplyStreamStore } from '@miyu/events/event-types';

/**
 * Reads what a reply's stream already holds, without waiting for live chunks: the store's
 * `follow` replays stored chunks at once and then blocks, so reading stops once the stream has
 * been quiet for `idleMs` (or at its done chunk). Used by a retried job (to continue the seq
 * numbering) and by a late subscriber to a finished reply.
 */
export async function readStoredChunks(store: ReplyStreamStore, messageId: string, idleMs = 100): Promise<ReplyChunkRecord[]> {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), idleMs);
  const chunks: ReplyChunkRecord[] = [];
  try {
    for await (const chunk of store.follow(messageId, -1, controller.signal)) {
      chunks.push(chunk);
      if (chunk.done) break;
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), idleMs);
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
  }
  return chunks;
}

export const lastSeqOf = (chunks: readonly ReplyChunkRecord[]): number =>
  chunks.reduce((last, chunk) => Math.max(last, chunk.seq), -1);
