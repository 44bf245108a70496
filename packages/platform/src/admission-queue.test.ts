import { describe, expect, it } from 'vitest';
import { createAdmissionQueue } from './admission-queue.ts';
import { isPublicError } from './errors.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('createAdmissionQueue', () => {
  it('runs at most maxConcurrent at once, the rest in arrival order', async () => {
    const queue = createAdmissionQueue({ maxConcurrent: 2, maxQueued: 10, maxWaitMs: 5_000 });
    let peak = 0;
    let now = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        queue.run(async () => {
          now += 1;
          peak = Math.max(peak, now);
          order.push(index);
          await sleep(5);
          now -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(queue.running).toBe(0);
    expect(queue.queued).toBe(0);
  });

  it('refuses with a retryable SERVICE_UNAVAILABLE, before the work starts, when the queue is full', async () => {
    const sheds: string[] = [];
    const queue = createAdmissionQueue({
      maxConcurrent: 1,
      maxQueued: 1,
      maxWaitMs: 5_000,
      retryAfterSeconds: 2,
      onShed: (why) => sheds.push(why),
    });
    const hold = gate();
    const first = queue.run(() => hold.opened);
    const second = queue.run(async () => 'second');
    let started = false;
    const third = queue.run(async () => {
      started = true;
    });
    const refusal = await third.catch((error: unknown) => error);
    expect(isPublicError(refusal)).toBe(true);
    expect(refusal).toMatchObject({ code: 'SERVICE_UNAVAILABLE', details: { retryable: true, retryAfterSeconds: 2 } });
    expect(started).toBe(false);
    hold.open();
    await first;
    expect(await second).toBe('second');
    expect(sheds).toEqual(['queue-full']);
    expect(queue.shed).toBe(1);
  });

  it('refuses an item that waited longer than maxWaitMs, and keeps the slot count right', async () => {
    const queue = createAdmissionQueue({ maxConcurrent: 1, maxQueued: 5, maxWaitMs: 30 });
    const hold = gate();
    const first = queue.run(() => hold.opened);
    let started = false;
    const waited = await queue
      .run(async () => {
        started = true;
      })
      .catch((error: unknown) => error);
    expect(waited).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(started).toBe(false);
    expect(queue.queued).toBe(0);
    hold.open();
    await first;
    expect(queue.running).toBe(0);
    // the slot is free again: the next item runs at once
    expect(await queue.run(async () => 'next')).toBe('next');
  });

  it('frees the slot when the work throws', async () => {
    const queue = createAdmissionQueue({ maxConcurrent: 1, maxQueued: 1, maxWaitMs: 1_000 });
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(queue.running).toBe(0);
    expect(await queue.run(async () => 1)).toBe(1);
  });
});
