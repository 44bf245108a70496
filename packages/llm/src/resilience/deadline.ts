import { LlmTimeoutError } from '../llm-errors.ts';

export interface Deadline {
  /** Aborts with LlmTimeoutError('deadline') when time is up, or with the parent's reason. */
  readonly signal: AbortSignal;
  /** Clears the timer; call when the guarded work is over. */
  dispose(): void;
}

/** An overall time budget that also follows a parent signal (the caller cancelling). */
export function createDeadline(ms: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new LlmTimeoutError('deadline', ms)), ms);
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
