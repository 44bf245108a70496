import { describe, expect, it } from 'vitest';
import { maskRouterError } from './error-masking.ts';
import { answerStatus } from './response-status.ts';

describe('maskRouterError', () => {
  it('reports a subgraph that answered too late as a retryable SERVICE_UNAVAILABLE, not a failure', () => {
    const masked = maskRouterError(
      {
        message: 'subgraph request timed out after 10000 ms',
        path: ['sendMessage'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'conversation' },
      },
      1_000,
    );
    expect(masked.extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      details: { retryable: true, retryAfterSeconds: 1, outcome: 'unknown' },
    });
    expect(masked.message).toMatch(/conversation service did not answer in time.*same clientMessageId/);
    expect(masked.path).toEqual(['sendMessage']);
    // and the answer (no data) is a 503 with Retry-After
    const answer = answerStatus({
      status: 200,
      headers: { 'content-type': 'application/graphql-response+json' },
      body: JSON.stringify({ data: null, errors: [masked] }),
    });
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('1');
  });

  it('still names an unreachable subgraph SUBGRAPH_UNAVAILABLE, without its URL', () => {
    const masked = maskRouterError(
      {
        message: 'request to http://127.0.0.1:4005/graphql failed, reason: connect ECONNREFUSED',
        extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'conversation' },
      },
      1_000,
    );
    expect(masked).toEqual({ message: 'The conversation service is unavailable.', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
  });
});
