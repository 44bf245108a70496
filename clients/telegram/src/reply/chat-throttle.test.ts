import { describe, expect, it } from 'vitest';
import { createChatThrottle } from './chat-throttle.ts';

describe('the per-chat edit throttle', () => {
  it('allows a burst of two, then one per interval, per chat', async () => {
    let clock = 0;
    const slept: number[] = [];
    const throttle = createChatThrottle({
      intervalMs: 1000,
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    const times: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await throttle.take(1);
      times.push(clock);
    }
    expect(times).toEqual([0, 0, 1000, 2000]);
    await throttle.take(2);
    expect(clock).toBe(2000); // another chat has its own bucket
    expect(slept).toEqual([1000, 1000]);
  });
});
