import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContextPrefetch } from './context-prefetch.ts';
import { minimalContext } from './reply-context.ts';

describe('createContextPrefetch', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts gathering at once and hands the context to the reply it was kept for, once', async () => {
    const gather = vi.fn(async ({ text }: { userId: string; text: string; conversationId: string }) => ({
      ...minimalContext(),
      userName: text,
    }));
    const prefetch = createContextPrefetch({ gather });
    const handle = prefetch.start('user-1', 'hello', 'conversation-1');
    expect(gather).toHaveBeenCalledWith({ userId: 'user-1', text: 'hello', conversationId: 'conversation-1' });
    handle.keep('reply-1');
    expect(prefetch.take('reply-2')).toBeUndefined();
    expect((await prefetch.take('reply-1'))?.userName).toBe('hello');
    expect(prefetch.take('reply-1')).toBeUndefined();
    expect(prefetch.size).toBe(0);
  });

  it('forgets a context never kept, and one whose job did not come within the TTL', async () => {
    vi.useFakeTimers();
    const prefetch = createContextPrefetch({ gather: async () => minimalContext(), ttlMs: 1_000 });
    prefetch.start('user-1', 'never stored', 'c');
    expect(prefetch.size).toBe(0);
    prefetch.start('user-1', 'stored', 'c').keep('reply-1');
    expect(prefetch.size).toBe(1);
    vi.advanceTimersByTime(1_001);
    expect(prefetch.take('reply-1')).toBeUndefined();
  });

  it('keeps at most maxKept contexts and never replaces a kept one', async () => {
    const prefetch = createContextPrefetch({
      gather: async ({ text }) => ({ ...minimalContext(), userName: text }),
      maxKept: 2,
    });
    prefetch.start('u', 'a', 'c').keep('r1');
    prefetch.start('u', 'b', 'c').keep('r2');
    prefetch.start('u', 'c', 'c').keep('r3');
    prefetch.start('u', 'd', 'c').keep('r1');
    expect(prefetch.size).toBe(2);
    expect(prefetch.take('r3')).toBeUndefined();
    expect((await prefetch.take('r1'))?.userName).toBe('a');
    prefetch.clear();
    expect(prefetch.take('r2')).toBeUndefined();
  });

  it('runs at most maxGathering context queries at once; a send past it starts none', async () => {
    const pending: Array<() => void> = [];
    const gather = vi.fn(
      ({ text }: { text: string }) =>
        new Promise<ReturnType<typeof minimalContext>>((resolve) => {
          pending.push(() => resolve({ ...minimalContext(), userName: text }));
        }),
    );
    const prefetch = createContextPrefetch({ gather, maxGathering: 2 });
    prefetch.start('u', 'a', 'c').keep('r1');
    prefetch.start('u', 'b', 'c').keep('r2');
    prefetch.start('u', 'c', 'c').keep('r3');
    expect(gather).toHaveBeenCalledTimes(2);
    expect(prefetch.gathering).toBe(2);
    expect(prefetch.take('r3')).toBeUndefined();
    for (const resolve of pending.splice(0)) resolve();
    expect((await prefetch.take('r1'))?.userName).toBe('a');
    expect(prefetch.gathering).toBe(0);
    // a query that finished frees its place
    prefetch.start('u', 'd', 'c').keep('r4');
    expect(gather).toHaveBeenCalledTimes(3);
    for (const resolve of pending.splice(0)) resolve();
    expect((await prefetch.take('r4'))?.userName).toBe('d');
  });
});
