import { createLogger } from '@miyu/platform/logger';
import { describe, expect, it } from 'vitest';
import { startUnfinishedReplySweep } from './unfinished-reply-sweep.ts';

describe('unfinished reply sweep', () => {
  it('asks for replies between the window start and the minimum age, every interval, one round at a time', async () => {
    const calls: [number, number][] = [];
    let release!: () => void;
    const now = new Date('2026-12-07T12:00:00Z');
    const sweep = startUnfinishedReplySweep({
      recover: (since, before) => {
        calls.push([now.getTime() - since.getTime(), now.getTime() - before.getTime()]);
        return new Promise<number>((resolve) => {
          release = () => resolve(1);
        });
      },
      intervalMs: 10,
      minAgeMs: 1_000,
      windowMs: 60_000,
      now: () => now,
      logger: createLogger({ service: 'test', level: 'silent' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    // the first round has not finished: no second one started
    expect(calls).toEqual([[60_000, 1_000]]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 60));
    sweep.stop();
    expect(calls.length).toBeGreaterThanOrEqual(2);
    const count = calls.length;
    release();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(calls.length).toBe(count);
  });
});
