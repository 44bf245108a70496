import { describe, expect, it } from 'vitest';
import { CircuitOpenError, createCircuitBreaker } from './circuit-breaker.ts';

function setup(halfOpenMaxCalls = 1) {
  let time = 1_000;
  const breaker = createCircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 500, halfOpenMaxCalls, now: () => time });
  const fail = () => breaker.enter().failure();
  return { breaker, fail, advance: (ms: number) => (time += ms) };
}

describe('createCircuitBreaker', () => {
  it('opens after failureThreshold consecutive failures and rejects fast with the remaining wait', () => {
    const { breaker, fail, advance } = setup();
    fail();
    fail();
    expect(breaker.state).toBe('closed');
    fail();
    expect(breaker.state).toBe('open');
    advance(200);
    const error = (() => {
      try {
        breaker.enter();
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect((error as CircuitOpenError).code).toBe('LLM_CIRCUIT_OPEN');
    expect((error as CircuitOpenError).retryAfterMs).toBe(300);
  });

  it('a success resets the consecutive failure count', () => {
    const { breaker, fail } = setup();
    fail();
    fail();
    breaker.enter().success();
    fail();
    fail();
    expect(breaker.state).toBe('closed');
  });

  it('half-opens after resetTimeoutMs, admits halfOpenMaxCalls trials, closes after they succeed', () => {
    const { breaker, fail, advance } = setup(2);
    for (let i = 0; i < 3; i += 1) fail();
    advance(500);
    expect(breaker.state).toBe('half-open');
    const first = breaker.enter();
    const second = breaker.enter();
    expect(() => breaker.enter()).toThrow(CircuitOpenError);
    first.success();
    expect(breaker.state).toBe('half-open');
    second.success();
    expect(breaker.state).toBe('closed');
  });

  it('a failed trial reopens the circuit for another full reset period', () => {
    const { breaker, fail, advance } = setup();
    for (let i = 0; i < 3; i += 1) fail();
    advance(500);
    breaker.enter().failure();
    expect(breaker.state).toBe('open');
    advance(499);
    expect(breaker.state).toBe('open');
    advance(1);
    expect(breaker.state).toBe('half-open');
  });

  it('a released (neutral) trial frees its slot without deciding anything', () => {
    const { breaker, fail, advance } = setup();
    for (let i = 0; i < 3; i += 1) fail();
    advance(500);
    breaker.enter().release();
    expect(breaker.state).toBe('half-open');
    breaker.enter().success();
    expect(breaker.state).toBe('closed');
  });

  it('settling a permit twice counts once', () => {
    const { breaker } = setup();
    const permit = breaker.enter();
    permit.failure();
    permit.failure();
    permit.failure();
    expect(breaker.state).toBe('closed');
  });

  it('execute counts a thrown error as a failure and passes results through', async () => {
    const { breaker } = setup();
    await expect(breaker.execute(async () => 42)).resolves.toBe(42);
    for (let i = 0; i < 3; i += 1) await expect(breaker.execute(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(breaker.execute(async () => 1)).rejects.toBeInstanceOf(CircuitOpenError);
  });
});
