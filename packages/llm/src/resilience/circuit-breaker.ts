import { CircuitOpenError } from '../llm-errors.ts';

export { CircuitOpenError };

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before letting trial calls through. */
  resetTimeoutMs: number;
  /** Trial calls allowed at once while half-open; that many successes close the circuit. */
  halfOpenMaxCalls: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/** One admitted call. Settle it exactly once; later calls are ignored. */
export interface CircuitPermit {
  success(): void;
  failure(): void;
  /** The call ended for a reason that says nothing about the provider (e.g. the caller aborted). */
  release(): void;
}

export interface CircuitBreaker {
  readonly state: CircuitState;
  /** Admits a call or throws CircuitOpenError at once. */
  enter(): CircuitPermit;
  /** Runs `fn` as one call; a thrown error counts as a failure. */
  execute<T>(fn: () => Promise<T>): Promise<T>;
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const now = options.now ?? Date.now;
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let trialsInFlight = 0;
  let trialSuccesses = 0;

  // The open → half-open move happens lazily, when someone looks, so no timer is needed.
  function currentState(): CircuitState {
    if (state === 'open' && now() - openedAt >= options.resetTimeoutMs) {
      state = 'half-open';
      trialsInFlight = 0;
      trialSuccesses = 0;
    }
    return state;
  }

  function open(): void {
    state = 'open';
    openedAt = now();
    failures = 0;
  }

  function enter(): CircuitPermit {
    const entered = currentState();
    if (entered === 'open') throw new CircuitOpenError(Math.max(0, openedAt + options.resetTimeoutMs - now()));
    if (entered === 'half-open') {
      if (trialsInFlight >= options.halfOpenMaxCalls) throw new CircuitOpenError(0);
      trialsInFlight += 1;
    }
    let settled = false;
    // A permit from an earlier half-open period must not touch the counters of a later one.
    const generation = openedAt;
    const settle = (outcome: 'success' | 'failure' | 'neutral') => {
      if (settled) return;
      settled = true;
      const sameTrial = entered === 'half-open' && state === 'half-open' && generation === openedAt;
      if (sameTrial) trialsInFlight -= 1;
      if (outcome === 'failure') {
        if (sameTrial) return open();
        if (state !== 'closed') return;
        failures += 1;
        if (failures >= options.failureThreshold) open();
      } else if (outcome === 'success') {
        if (state === 'closed') failures = 0;
        if (!sameTrial) return;
        trialSuccesses += 1;
        if (trialSuccesses >= options.halfOpenMaxCalls) state = 'closed';
      }
    };
    return { success: () => settle('success'), failure: () => settle('failure'), release: () => settle('neutral') };
  }

  return {
    get state() {
      return currentState();
    },
    enter,
    async execute(fn) {
      const permit = enter();
      try {
        const result = await fn();
        permit.success();
        return result;
      } catch (error) {
        permit.failure();
        throw error;
      }
    },
  };
}
