import { describe, expect, it } from 'vitest';
import { abortableGenerator, createPushIterator } from './async-iterators.ts';

describe('createPushIterator', () => {
  it('keeps the newest values beyond its capacity and reports drops', async () => {
    const drops: number[] = [];
    const iterator = createPushIterator<number>({ capacity: 3, onDrop: (total) => drops.push(total) });
    for (let n = 1; n <= 5; n += 1) iterator.push(n);
    iterator.end();
    const values: number[] = [];
    for await (const value of iterator) values.push(value);
    expect(values).toEqual([]); // end() discards what was not read
    expect(drops).toEqual([1, 2]);

    const kept = createPushIterator<number>({ capacity: 3 });
    for (let n = 1; n <= 5; n += 1) kept.push(n);
    expect([await kept.next(), await kept.next(), await kept.next()].map((result) => result.value)).toEqual([3, 4, 5]);
  });

  it('resolves a pending next() on return() and calls onEnd once', async () => {
    let ended = 0;
    const iterator = createPushIterator<number>({ capacity: 10, onEnd: () => (ended += 1) });
    const pending = iterator.next();
    await iterator.return?.();
    await iterator.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    iterator.push(1);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    expect(ended).toBe(1);
  });
});

describe('abortableGenerator', () => {
  it('wakes a generator parked on an await when return() is called', async () => {
    let cleanedUp = false;
    const iterator = abortableGenerator<number>(async function* (signal) {
      try {
        yield 1;
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      } finally {
        cleanedUp = true;
      }
    });
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    const pending = iterator.next();
    await iterator.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(cleanedUp).toBe(true);
  });
});
