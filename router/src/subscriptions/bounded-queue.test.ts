import { describe, expect, it } from 'vitest';
import { createBoundedQueue, QueueOverflowError } from './bounded-queue.ts';

async function drain<T>(iterator: AsyncIterableIterator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}

describe('bounded queue', () => {
  it('delivers in order to a waiting and a late consumer, then ends', async () => {
    const queue = createBoundedQueue<number>(10);
    const pending = queue.iterator.next();
    queue.push(1);
    queue.push(2);
    queue.push(3);
    queue.end();
    expect(await pending).toEqual({ value: 1, done: false });
    expect(await drain(queue.iterator)).toEqual([2, 3]);
  });

  it('fails with QueueOverflowError instead of dropping when the consumer lags', async () => {
    const queue = createBoundedQueue<number>(2);
    queue.push(1);
    queue.push(2);
    queue.push(3);
    await expect(drain(queue.iterator)).rejects.toBeInstanceOf(QueueOverflowError);
  });

  it('rejects a waiting consumer on failure and runs onReturn when the consumer stops', async () => {
    let returned = 0;
    const queue = createBoundedQueue<number>(5, () => {
      returned += 1;
    });
    const pending = queue.iterator.next();
    queue.fail(new Error('upstream gone'));
    await expect(pending).rejects.toThrow('upstream gone');
    const other = createBoundedQueue<number>(5, () => {
      returned += 1;
    });
    await other.iterator.return?.();
    expect(returned).toBe(1);
    other.push(1);
    expect(other.size).toBe(0);
  });
});
