import type { ContextRequest, GatheredContext } from './reply-context.ts';

export interface ContextPrefetchOptions {
  /** Gathers the context for one message (the router query). Must not reject. */
  gather: (request: Omit<ContextRequest, 'timeoutMs'>) => Promise<GatheredContext>;
  /** How long a gathered context waits for its job before it is dropped (default 30 s). */
  ttlMs?: number;
  /** Most contexts kept at once; beyond it new prefetches are not kept (default 1,000). */
  maxKept?: number;
  /**
   * Most context queries running at once (default 8). Past it a send starts none and its job
   * gathers its own when it runs: under a burst, hundreds of prefetches ahead of the jobs that
   * would use them only load the router and the subgraphs the sends themselves need.
   */
  maxGathering?: number;
}

export interface PrefetchHandle {
  /** The message was stored with this PENDING reply: hand the context to the reply's job. */
  keep(replyId: string): void;
}

/**
 * Starts a reply's context query the moment `sendMessage` has a valid message, while the message
 * is still being written, instead of after the commit and the job's first reads: the context
 * (persona, mood, memories recalled for the text, quests, the text's emotion) depends only on the
 * user and the text. The job takes it if it runs in this process within the TTL; otherwise (another
 * replica, a retry, a recovery) it gathers its own, so a prefetch only ever saves time.
 */
export function createContextPrefetch(options: ContextPrefetchOptions) {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxKept = options.maxKept ?? 1_000;
  const maxGathering = options.maxGathering ?? 8;
  let gathering = 0;
  const kept = new Map<string, { context: Promise<GatheredContext>; timer: NodeJS.Timeout }>();

  return {
    /** Starts gathering; a handle never kept is simply forgotten (gather never rejects). */
    start(userId: string, text: string, conversationId: string): PrefetchHandle {
      if (gathering >= maxGathering) return NOT_STARTED;
      gathering += 1;
      const context = options.gather({ userId, text, conversationId }).finally(() => {
        gathering -= 1;
      });
      return {
        keep(replyId) {
          if (kept.has(replyId) || kept.size >= maxKept) return;
          const timer = setTimeout(() => kept.delete(replyId), ttlMs);
          timer.unref();
          kept.set(replyId, { context, timer });
        },
      };
    },

    /** The prefetched context of a reply, once: undefined when there is none. */
    take(replyId: string): Promise<GatheredContext> | undefined {
      const entry = kept.get(replyId);
      if (!entry) return undefined;
      clearTimeout(entry.timer);
      kept.delete(replyId);
      return entry.context;
    },

    get size() {
      return kept.size;
    },

    /** Context queries running now. */
    get gathering() {
      return gathering;
    },

    clear() {
      for (const entry of kept.values()) clearTimeout(entry.timer);
      kept.clear();
    },
  };
}

/** A send past the cap: nothing to keep, the job gathers its own context. */
const NOT_STARTED: PrefetchHandle = { keep() {} };

export type ContextPrefetch = ReturnType<typeof createContextPrefetch>;
