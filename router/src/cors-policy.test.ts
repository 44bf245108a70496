import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createCorsPolicy, isWebSocketOriginAllowed } from './cors-policy.ts';
import { refusalOfRequest } from './cors-simple-requests.ts';

function request(method: string, headers: Record<string, string>): IncomingMessage {
  return { method, headers: { host: 'router.example:4000', ...headers } } as unknown as IncomingMessage;
}

/** Records what the policy writes, as a ServerResponse would receive it. */
function response() {
  const headers: Record<string, string> = {};
  const written: { status?: number; ended: boolean } = { ended: false };
  const res = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    writeHead(status: number, more: Record<string, string> = {}) {
      written.status = status;
      for (const [name, value] of Object.entries(more)) headers[name.toLowerCase()] = value;
      return res;
    },
    end() {
      written.ended = true;
    },
  };
  return { res: res as unknown as ServerResponse, headers, written };
}

const policy = createCorsPolicy(['https://app.example', 'http://localhost:3000']);

describe('CORS policy', () => {
  it('answers an allowed preflight 204 with methods, headers, max-age and Vary', () => {
    const { res, headers, written } = response();
    const outcome = policy(request('OPTIONS', { origin: 'https://app.example' }), res);
    expect(outcome.kind).toBe('answered');
    expect(written.status).toBe(204);
    expect(headers).toMatchObject({
      'access-control-allow-origin': 'https://app.example',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    expect(headers['access-control-allow-headers']).toContain('authorization');
    expect(headers['access-control-allow-headers']).toContain('content-type');
  });

  it('lets an allowed actual request through with Access-Control-Allow-Origin', () => {
    const { res, headers } = response();
    expect(policy(request('POST', { origin: 'http://localhost:3000' }), res).kind).toBe('continue');
    expect(headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  it('refuses any other origin with 403 CORS_ORIGIN_NOT_ALLOWED, preflight or not', () => {
    for (const method of ['OPTIONS', 'GET', 'POST']) {
      const { res, headers } = response();
      const outcome = policy(request(method, { origin: 'https://evil.example' }), res);
      expect(outcome.kind).toBe('refused');
      if (outcome.kind === 'refused')
        expect([outcome.error.code, outcome.error.status]).toEqual(['CORS_ORIGIN_NOT_ALLOWED', 403]);
      expect(headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('passes requests without Origin and from the router’s own origin, without CORS headers', () => {
    for (const origin of [undefined, 'https://router.example:4000']) {
      const { res, headers } = response();
      expect(policy(request('POST', origin ? { origin } : {}), res).kind).toBe('continue');
      expect(headers['access-control-allow-origin']).toBeUndefined();
    }
    const empty = createCorsPolicy([]);
    const { res } = response();
    expect(empty(request('GET', { origin: 'http://localhost:3000' }), res).kind).toBe('refused');
  });
});

describe('simple requests (CSRF prevention) and methods', () => {
  it.each([
    ['GET', {}, null],
    ['GET', { accept: 'application/json' }, null],
    ['POST', { 'content-type': 'application/json; charset=utf-8' }, null],
    ['GET', { 'content-type': 'text/plain' }, 'CSRF_PREFLIGHT_REQUIRED'],
    ['POST', { 'content-type': 'text/plain;charset=UTF-8' }, 'CSRF_PREFLIGHT_REQUIRED'],
    ['POST', { 'content-type': 'application/x-www-form-urlencoded' }, 'CSRF_PREFLIGHT_REQUIRED'],
    ['POST', { 'content-type': 'multipart/form-data; boundary=x' }, 'CSRF_PREFLIGHT_REQUIRED'],
    ['GET', { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' }, null],
    ['POST', {}, 'UNSUPPORTED_MEDIA_TYPE'],
    ['POST', { 'content-type': 'application/xml' }, 'UNSUPPORTED_MEDIA_TYPE'],
    ['DELETE', {}, 'METHOD_NOT_ALLOWED'],
    ['PUT', { 'content-type': 'application/json' }, 'SSE_SINGLE_CONNECTION_UNSUPPORTED'],
    ['GET', { 'x-graphql-event-stream-token': 'abc', accept: 'text/event-stream' }, 'SSE_SINGLE_CONNECTION_UNSUPPORTED'],
  ] as const)('%s %j → %s', (method, headers, code) => {
    const refusal = refusalOfRequest(request(method, headers));
    expect(refusal?.code ?? null).toBe(code);
    if (refusal) expect(refusal.message).toMatch(/^[A-Za-z"].{10,}\.$/);
  });
});

describe('WebSocket origins', () => {
  const options = { allowedOrigins: ['https://app.example'], allowLocalhost: false };
  it('allows no Origin (Node clients), the own origin and listed origins; refuses others', () => {
    expect(isWebSocketOriginAllowed(request('GET', {}), options)).toBe(true);
    expect(isWebSocketOriginAllowed(request('GET', { origin: 'http://router.example:4000' }), options)).toBe(true);
    expect(isWebSocketOriginAllowed(request('GET', { origin: 'https://app.example' }), options)).toBe(true);
    expect(isWebSocketOriginAllowed(request('GET', { origin: 'https://evil.example' }), options)).toBe(false);
    expect(isWebSocketOriginAllowed(request('GET', { origin: 'http://localhost:5173' }), options)).toBe(false);
  });
  it('allows localhost pages in development only', () => {
    const dev = { allowedOrigins: [], allowLocalhost: true };
    expect(isWebSocketOriginAllowed(request('GET', { origin: 'http://localhost:5173' }), dev)).toBe(true);
    expect(isWebSocketOriginAllowed(request('GET', { origin: 'http://127.0.0.1:5173' }), dev)).toBe(true);
    expect(isWebSocketOriginAllowed(request('GET', { origin: 'https://evil.example' }), dev)).toBe(false);
  });
});
