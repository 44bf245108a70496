/** How the fake answers a chat completion. */
export type FakeOpenAiMode =
  | 'ok'
  | 'http500'
  | 'http429'
  | 'slowFirstByte'
  | 'stallMidStream'
  | 'garbageChunk'
  | 'noFinishReason';

export const FAKE_OPENAI_MODES: readonly FakeOpenAiMode[] = [
  'ok',
  'http500',
  'http429',
  'slowFirstByte',
  'stallMidStream',
  'garbageChunk',
  'noFinishReason',
];

/** Header that picks a mode for a single request, e.g. `x-fake-openai-mode: http500`. */
export const FAKE_MODE_HEADER = 'x-fake-openai-mode';

export interface FakeOpenAiBehavior {
  /** Fault mode applied to requests without a per-request override. */
  mode: FakeOpenAiMode;
  /** Reply text, or a function of the last user message; default "You said: <message>". */
  replyText: string | ((lastUserMessage: string) => string);
  /** Pause between streamed chunks; 0 writes them back to back. */
  chunkDelayMs: number;
  /** Pause before the response headers in 'slowFirstByte' mode. */
  firstByteDelayMs: number;
  /** Content chunks sent before the stall ('stallMidStream') or the garbage line ('garbageChunk'). */
  faultAfterChunks: number;
  /** Seconds announced in the retry-after header of a 429. */
  retryAfterSeconds: number;
  /** Model name reported in responses. */
  model: string;
}

export const DEFAULT_FAKE_BEHAVIOR: FakeOpenAiBehavior = {
  mode: 'ok',
  replyText: (message) => `You said: ${message}`,
  chunkDelayMs: 0,
  firstByteDelayMs: 1_000,
  faultAfterChunks: 2,
  retryAfterSeconds: 7,
  model: 'fake-gpt',
};

export interface BehaviorControl {
  current(): FakeOpenAiBehavior;
  set(patch: Partial<FakeOpenAiBehavior>): void;
  failNext(count: number, mode: FakeOpenAiMode): void;
  /** Resolves the mode for one request: header first, then queued failures, then the global mode. */
  modeFor(headerValue: string | string[] | undefined): FakeOpenAiMode;
}

export function createBehaviorControl(initial: Partial<FakeOpenAiBehavior> = {}): BehaviorControl {
  let behavior: FakeOpenAiBehavior = { ...DEFAULT_FAKE_BEHAVIOR, ...initial };
  const queued: FakeOpenAiMode[] = [];
  return {
    current: () => behavior,
    set(patch) {
      behavior = { ...behavior, ...patch };
    },
    failNext(count, mode) {
      for (let i = 0; i < count; i += 1) queued.push(mode);
    },
    modeFor(headerValue) {
      const requested = Array.isArray(headerValue) ? headerValue[0] : headerValue;
      if (requested && (FAKE_OPENAI_MODES as readonly string[]).includes(requested)) return requested as FakeOpenAiMode;
      return queued.shift() ?? behavior.mode;
    },
  };
}

export function replyFor(behavior: FakeOpenAiBehavior, lastUserMessage: string): string {
  return typeof behavior.replyText === 'function' ? behavior.replyText(lastUserMessage) : behavior.replyText;
}
