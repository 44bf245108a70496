import { describe, expect, it } from 'vitest';
import { stalledJobCheck } from './redis-job-queue.ts';

describe('stalled-job check', () => {
  it("checks at half the lock, so a dead worker's job is free again within 1.5 locks", () => {
    const check = stalledJobCheck(4_000);
    expect(check).toEqual({ lockDuration: 4_000, stalledInterval: 2_000, maxStalledCount: 3 });
    expect(check.lockDuration + check.stalledInterval).toBeLessThanOrEqual(6_000);
  });

  it('never checks more often than every 500 ms', () => {
    expect(stalledJobCheck(600).stalledInterval).toBe(500);
  });
});
