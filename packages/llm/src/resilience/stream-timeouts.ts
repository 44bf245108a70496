import { LlmTimeoutError, type LlmTimeoutKind } from '../llm-errors.ts';

export interface StreamTimeouts {
  /** Longest wait for the first chunk, counted from the request (covers connect and headers). */
  firstTokenTimeoutMs: number;
  /** Longest silence between two chunks; the SDK's own timeout stops once headers arrive. */
  idleChunkTimeoutMs: number;
  /** Hard cap on the whole call, including the wait for a concurrency slot. */
  overallDeadlineMs: number;
}

/**
 * Iterates the stream opened by `open`, failing with LlmTimeoutError when the first chunk or
 * the next chunk is late, and with `stop.reason` when `stop` aborts (deadline or caller).
 * On any early exit the source is aborted through the signal it was opened with, so a stalled
 * HTTP response is torn down rather than left hanging.
 */
export async function* withStreamTimeouts<T>(
  open: (signal: AbortSignal) => AsyncIterable<T>,
  timeouts: Pick<StreamTimeouts, 'firstTokenTimeoutMs' | 'idleChunkTimeoutMs'>,
  stop: AbortSignal,
): AsyncGenerator<T, void, undefined> {
  if (stop.aborted) throw stop.reason;
  const source = new AbortController();
  const iterator = open(source.signal)[Symbol.asyncIterator]();
  let first = true;
  let finished = false;
  try {
    while (true) {
      const kind: LlmTimeoutKind = first ? 'first-token' : 'idle';
      const ms = first ? timeouts.firstTokenTimeoutMs : timeouts.idleChunkTimeoutMs;
      const result = await nextWithin(iterator, kind, ms, stop);
      if (result.done) {
        finished = true;
        return;
      }
      first = false;
      yield result.value;
    }
  } catch (error) {
    source.abort(error);
    throw error;
  } finally {
    if (!finished) {
      source.abort(new Error('stream abandoned'));
      // Not awaited: a source stuck in a read only settles once the abort reaches it.
      iterator.return?.().catch(() => {});
    }
  }
}

function nextWithin<T>(
  iterator: AsyncIterator<T>,
  kind: LlmTimeoutKind,
  ms: number,
  stop: AbortSignal,
): Promise<IteratorResult<T>> {
  // The stop signal may have fired while the consumer held the previous chunk.
  if (stop.aborted) return Promise.reject(stop.reason);
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
    };
    const onStop = () => {
      cleanup();
      reject(stop.reason);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new LlmTimeoutError(kind, ms));
    }, ms);
    stop.addEventListener('abort', onStop, { once: true });
    iterator.next().then(
      (result) => {
        cleanup();
        resolve(result);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}
