import { describe, expect, it, vi } from 'vitest';
import { startWithOneRetry } from './start-with-retry.ts';

const stack = (name: string) => ({ name, close: vi.fn(async () => {}) });

describe('startWithOneRetry', () => {
  it('returns a start that finishes in time, without a second start', async () => {
    const start = vi.fn(async (progress: string[]) => {
      progress.push('identity started');
      return stack('first');
    });
    const started = await startWithOneRetry(start, { retryable: true, deadlineMs: 1_000 });
    expect(started.name).toBe('first');
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts again once when the first start is stuck, says so with its progress, and closes the late one', async () => {
    let finishLate!: () => void;
    const late = stack('late');
    const warnings: string[] = [];
    const start = vi
      .fn<(progress: string[]) => Promise<ReturnType<typeof stack>>>()
      .mockImplementationOnce(async (progress) => {
        progress.push('identity started');
        await new Promise<void>((resolve) => {
          finishLate = resolve;
        });
        return late;
      })
      .mockImplementationOnce(async () => stack('second'));
    const started = await startWithOneRetry(start, { retryable: true, deadlineMs: 50, warn: (line) => warnings.push(line) });
    expect(started.name).toBe('second');
    expect(warnings).toEqual([
      'FLAKY (stack start retried): e2e stack start stuck after 0.05 s (finished: identity started); starting again',
    ]);
    finishLate();
    await vi.waitFor(() => expect(late.close).toHaveBeenCalledTimes(1));
  });

  it('fails with the report instead of starting again when not retryable', async () => {
    const start = vi.fn(() => new Promise<ReturnType<typeof stack>>(() => {}));
    await expect(startWithOneRetry(start, { retryable: false, deadlineMs: 50 })).rejects.toThrow(
      'e2e stack start stuck after 0.05 s (finished: nothing)',
    );
    expect(start).toHaveBeenCalledTimes(1);
  });
});
