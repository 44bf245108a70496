import { MiyuRequestError } from '@miyu/sdk/miyu-client';
import { describe, expect, it } from 'vitest';
import { retryRetryable } from './retry-retryable.ts';

const busy = (retryAfterSeconds?: number) =>
  new MiyuRequestError('MIYU is busy right now', 'SERVICE_UNAVAILABLE', {
    retryable: true,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });

describe('retryRetryable', () => {
  it('sends again after a retryable refusal, waiting its Retry-After (capped)', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryRetryable(
      async () => {
        calls += 1;
        if (calls === 1) throw busy(2);
        if (calls === 2) throw busy(60);
        return 'sent';
      },
      { sleep: async (ms) => void waits.push(ms), maxWaitMs: 5_000 },
    );
    expect(result).toBe('sent');
    expect(calls).toBe(3);
    expect(waits).toEqual([2_000, 5_000]);
  });

  it('gives up after the last attempt with the refusal itself', async () => {
    let calls = 0;
    const refusal = busy(1);
    const failing = retryRetryable(
      async () => {
        calls += 1;
        throw refusal;
      },
      { attempts: 3, sleep: async () => undefined },
    );
    await expect(failing).rejects.toBe(refusal);
    expect(calls).toBe(3);
  });

  it('does not repeat what is not marked retryable', async () => {
    for (const error of [
      new MiyuRequestError('Not found', 'NOT_FOUND'),
      new MiyuRequestError('Unavailable', 'SERVICE_UNAVAILABLE'),
      new Error('socket hang up'),
    ]) {
      let calls = 0;
      await expect(
        retryRetryable(
          async () => {
            calls += 1;
            throw error;
          },
          { sleep: async () => undefined },
        ),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });
});
