import type { ChatChunk, LlmProvider } from './llm-provider.ts';

/** One step of a scripted stream, for unit tests without a network. */
export type ScriptStep =
  | { delta: string }
  | { waitMs: number }
  | { finish: string }
  | { fail: Error }
  /** Never yields again until aborted, like a stalled socket. */
  | { hang: true };

export interface ScriptedProvider extends LlmProvider {
  /** Calls made so far. */
  readonly calls: number;
  /** Calls currently streaming. */
  readonly inFlight: number;
  /** Highest number of calls streaming at once. */
  readonly maxInFlight: number;
}

/** A provider that plays back `script` (or `script(callIndex)`) and honours the abort signal. */
export function createScriptedProvider(
  script: ScriptStep[] | ((call: number) => ScriptStep[]),
  identity: { name?: string; model?: string } = {},
): ScriptedProvider {
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  async function* streamChat(_request: unknown, signal: AbortSignal): AsyncGenerator<ChatChunk> {
    const steps = typeof script === 'function' ? script(calls) : script;
    calls += 1;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      for (const step of steps) {
        if (signal.aborted) throw signal.reason;
        if ('delta' in step) yield { type: 'delta', text: step.delta };
        else if ('finish' in step) yield { type: 'finish', reason: step.finish, usage: { promptTokens: 1, completionTokens: 1 } };
        else if ('fail' in step) throw step.fail;
        else await pause('waitMs' in step ? step.waitMs : Number.POSITIVE_INFINITY, signal);
      }
    } finally {
      inFlight -= 1;
    }
  }

  return {
    name: identity.name ?? 'scripted',
    model: identity.model ?? 'scripted-1',
    streamChat,
    get calls() {
      return calls;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    function done() {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
