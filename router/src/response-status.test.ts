import { describe, expect, it } from 'vitest';
import { answerStatus } from './response-status.ts';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const GRAPHQL_TYPE = { 'content-type': 'application/graphql-response+json; charset=utf-8' };
const unavailable = (details?: Record<string, unknown>) => ({
  message: 'MIYU cannot reach her storage right now; please retry in a few seconds.',
  path: ['personas'],
  extensions: { code: 'SERVICE_UNAVAILABLE', ...(details ? { details } : {}) },
});

describe('answerStatus', () => {
  it.each(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'MAX_DEPTH_EXCEEDED'])(
    'answers a %s request error 200 with application/json and keeps 400 with graphql-response+json',
    (code) => {
      const body = JSON.stringify({ errors: [{ message: 'No.', extensions: { code } }] });
      expect(answerStatus({ status: 400, headers: JSON_TYPE, body }).status).toBe(200);
      expect(answerStatus({ status: 400, headers: GRAPHQL_TYPE, body }).status).toBe(400);
    },
  );

  it('keeps 4xx that are not GraphQL request errors (credentials, rate limits)', () => {
    const body = JSON.stringify({ errors: [{ message: 'No.', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(answerStatus({ status: 401, headers: JSON_TYPE, body }).status).toBe(401);
  });

  it('turns the gateway 500 for an unselectable operation into 400 (200 with application/json)', () => {
    const body = JSON.stringify({ errors: [{ message: 'Pick one.', extensions: { code: 'OPERATION_NOT_SELECTED' } }] });
    expect(answerStatus({ status: 500, headers: GRAPHQL_TYPE, body }).status).toBe(400);
    expect(answerStatus({ status: 500, headers: JSON_TYPE, body }).status).toBe(200);
  });

  it('answers a response that failed only because a dependency is down 503 with its Retry-After and no data', () => {
    const body = JSON.stringify({ data: null, errors: [unavailable({ retryable: true, retryAfterSeconds: 7 })] });
    const answer = answerStatus({ status: 200, headers: GRAPHQL_TYPE, body });
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('7');
    const parsed = JSON.parse(answer.body);
    expect(parsed).not.toHaveProperty('data');
    expect(parsed.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('falls back to a 5 s Retry-After', () => {
    const body = JSON.stringify({ data: null, errors: [unavailable()] });
    expect(answerStatus({ status: 200, headers: GRAPHQL_TYPE, body }).headers['retry-after']).toBe('5');
  });

  it('keeps 200 for SERVICE_UNAVAILABLE with application/json, partial data, or other errors beside it', () => {
    const failed = JSON.stringify({ data: null, errors: [unavailable()] });
    expect(answerStatus({ status: 200, headers: JSON_TYPE, body: failed })).toMatchObject({ status: 200, body: failed });
    const partial = JSON.stringify({ data: { personas: null, me: null }, errors: [unavailable()] });
    expect(answerStatus({ status: 200, headers: GRAPHQL_TYPE, body: partial }).status).toBe(200);
    const mixed = JSON.stringify({ data: null, errors: [unavailable(), { message: 'x', extensions: { code: 'FORBIDDEN' } }] });
    expect(answerStatus({ status: 200, headers: GRAPHQL_TYPE, body: mixed }).status).toBe(200);
  });
});
