import { describe, expect, it } from 'vitest';
import { takeTokens } from './rate-limiter.ts';

describe('token bucket arithmetic', () => {
  const policy = { capacity: 3, refillPerSecond: 1 };
  it('starts full, drains, and says when to retry', () => {
    let state: { tokens: number; updatedMs: number } | undefined;
    const allowed: boolean[] = [];
    for (let i = 0; i < 4; i += 1) {
      const step = takeTokens(state, policy, 1_000, 1);
      state = step.state;
      allowed.push(step.decision.allowed);
    }
    expect(allowed).toEqual([true, true, true, false]);
    expect(takeTokens(state, policy, 1_000, 2).decision.retryAfterSeconds).toBe(2);
    expect(takeTokens(state, policy, 2_000, 1).decision.allowed).toBe(true);
  });
  it('never refills above capacity', () => {
    const { decision } = takeTokens({ tokens: 0, updatedMs: 0 }, policy, 1_000_000, 1);
    expect(decision.remaining).toBe(2);
  });
});
