import type { ReplyChunkRecord } from '@miyu/events/event-types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChunkCoalescer } from './chunk-coalescer.ts';

describe('createChunkCoalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(startSeq = 0) {
    const chunks: ReplyChunkRecord[] = [];
    const coalescer = createChunkCoalescer({
      messageId: 'm1',
      startSeq,
      intervalMs: 50,
      append: async (chunk) => {
        chunks.push(chunk);
      },
    });
    return { chunks, coalescer };
  }

  it('sends the first delta at once and coalesces the rest into one chunk per interval', async () => {
    const { chunks, coalescer } = setup();
    coalescer.push('Hel');
    coalescer.push('lo');
    coalescer.push(' there');
    await vi.advanceTimersByTimeAsync(10);
    expect(chunks.map((chunk) => chunk.delta)).toEqual(['Hel']);
    await vi.advanceTimersByTimeAsync(40);
    expect(chunks.map((chunk) => chunk.delta)).toEqual(['Hel', 'lo there']);
    coalescer.push('!');
    await coalescer.finish();
    expect(chunks).toEqual([
      { messageId: 'm1', seq: 0, delta: 'Hel', done: false },
      { messageId: 'm1', seq: 1, delta: 'lo there', done: false },
      { messageId: 'm1', seq: 2, delta: '!', done: false },
      { messageId: 'm1', seq: 3, delta: '', done: true },
    ]);
  });

  it('flushes before a reset marker and continues the numbering', async () => {
    const { chunks, coalescer } = setup(5);
    coalescer.push('a');
    coalescer.push('b');
    coalescer.reset();
    coalescer.push('c');
    await coalescer.finish();
    expect(chunks.map(({ seq, delta, done, reset }) => ({ seq, delta, done, reset }))).toEqual([
      { seq: 5, delta: 'a', done: false, reset: undefined },
      { seq: 6, delta: 'b', done: false, reset: undefined },
      { seq: 7, delta: '', done: false, reset: true },
      { seq: 8, delta: 'c', done: false, reset: undefined },
      { seq: 9, delta: '', done: true, reset: undefined },
    ]);
    expect(coalescer.nextSeq()).toBe(10);
  });

  it('reports the first append failure from flush and writes nothing after it', async () => {
    const seen: number[] = [];
    const coalescer = createChunkCoalescer({
      messageId: 'm1',
      startSeq: 0,
      intervalMs: 50,
      append: async (chunk) => {
        seen.push(chunk.seq);
        if (chunk.seq === 0) throw new Error('store down');
      },
    });
    coalescer.push('a');
    await vi.advanceTimersByTimeAsync(60);
    coalescer.push('b');
    await expect(coalescer.flush()).rejects.toThrow('store down');
    expect(seen).toEqual([0]);
  });
});
