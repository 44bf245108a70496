/** The result of taking tokens from a caller's bucket. */
export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until enough tokens are back, 0 when allowed. */
  retryAfterSeconds: number;
}

export interface RateLimitPolicy {
  /** Bucket size: the burst a caller may send at once. */
  capacity: number;
  /** Tokens added back per second: the sustained rate. */
  refillPerSecond: number;
}

/** A token bucket per key; the in-memory and Redis adapters behave the same. */
export interface RateLimiter {
  consume(key: string, policy: RateLimitPolicy, cost?: number): Promise<RateLimitDecision>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** Pure bucket arithmetic shared by the in-memory adapter and the tests. */
export function takeTokens(
  state: { tokens: number; updatedMs: number } | undefined,
  policy: RateLimitPolicy,
  nowMs: number,
  cost: number,
): { state: { tokens: number; updatedMs: number }; decision: RateLimitDecision } {
  const elapsed = state ? Math.max(0, nowMs - state.updatedMs) / 1000 : 0;
  const available = Math.min(policy.capacity, (state?.tokens ?? policy.capacity) + elapsed * policy.refillPerSecond);
  if (available >= cost) {
    const tokens = available - cost;
    return {
      state: { tokens, updatedMs: nowMs },
      decision: { allowed: true, remaining: Math.floor(tokens), retryAfterSeconds: 0 },
    };
  }
  const retryAfterSeconds = Math.ceil((cost - available) / policy.refillPerSecond);
  return { state: { tokens: available, updatedMs: nowMs }, decision: { allowed: false, remaining: 0, retryAfterSeconds } };
}
