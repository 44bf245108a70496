import { describe, expect, it } from 'vitest';
import { createConcurrencyLimiter } from './concurrency-limiter.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createConcurrencyLimiter', () => {
  it('never lets more than max callers run at once', async () => {
    const limiter = createConcurrencyLimiter(3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limiter.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await tick();
          order.push(i);
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(order).toHaveLength(10);
    expect(limiter.active).toBe(0);
    expect(limiter.pending).toBe(0);
  });

  it('serves waiters in arrival order', async () => {
    const limiter = createConcurrencyLimiter(1);
    const release = await limiter.acquire();
    const served: string[] = [];
    const served$ = (name: string) => (release: () => void) => {
      served.push(name);
      return release;
    };
    const a = limiter.acquire().then(served$('a'));
    const b = limiter.acquire().then(served$('b'));
    expect(limiter.pending).toBe(2);
    release();
    (await a)();
    (await b)();
    expect(served).toEqual(['a', 'b']);
    expect(limiter.active).toBe(0);
  });

  it('a queued caller whose signal aborts leaves the queue with the abort reason', async () => {
    const limiter = createConcurrencyLimiter(1);
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    expect(limiter.pending).toBe(1);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    expect(limiter.pending).toBe(0);
    release();
    expect(limiter.active).toBe(0);
  });

  it('releasing twice frees one slot only', async () => {
    const limiter = createConcurrencyLimiter(2);
    const release = await limiter.acquire();
    await limiter.acquire();
    release();
    release();
    expect(limiter.active).toBe(1);
  });

  it('rejects a non-positive max', () => {
    expect(() => createConcurrencyLimiter(0)).toThrow(RangeError);
  });
});
