export interface ChatThrottleOptions {
  /** One visible update per this many ms per chat (Telegram's limit is about one a second). */
  intervalMs: number;
  /** Updates allowed back to back before the interval applies. */
  burst?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A token bucket per chat for message edits and drafts: `burst` at once, then one per interval.
 * `take` waits for a token, so callers send the newest text when their turn comes.
 */
export function createChatThrottle(options: ChatThrottleOptions) {
  const burst = options.burst ?? 2;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const buckets = new Map<number, { tokens: number; at: number }>();

  function refill(chatId: number): { tokens: number; at: number } {
    const time = now();
    const bucket = buckets.get(chatId) ?? { tokens: burst, at: time };
    bucket.tokens = Math.min(burst, bucket.tokens + (time - bucket.at) / options.intervalMs);
    bucket.at = time;
    buckets.set(chatId, bucket);
    return bucket;
  }

  return {
    async take(chatId: number): Promise<void> {
      for (;;) {
        const bucket = refill(chatId);
        if (bucket.tokens >= 1) {
          bucket.tokens -= 1;
          return;
        }
        await sleep(Math.ceil((1 - bucket.tokens) * options.intervalMs));
      }
    },
    /** Forgets idle chats (their bucket would be full again anyway). */
    sweep(): void {
      for (const [chatId, bucket] of buckets) if (now() - bucket.at > options.intervalMs * burst) buckets.delete(chatId);
    },
  };
}

export type ChatThrottle = ReturnType<typeof createChatThrottle>;
