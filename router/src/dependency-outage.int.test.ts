import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRouterEnv } from './env.ts';
import { type RunningRouter, startRouter } from './router.ts';

/**
 * A subgraph whose database is down answers SERVICE_UNAVAILABLE (packages/graphql maps the
 * outage to it). Through the real gateway the router answers 503 with Retry-After for
 * application/graphql-response+json, and 200 with the same error for application/json.
 */
describe('a dependency outage over HTTP', () => {
  let subgraph: Server;
  let router: RunningRouter;

  beforeAll(async () => {
    subgraph = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            data: null,
            errors: [
              {
                message: 'MIYU cannot reach her storage right now; please retry in a few seconds.',
                path: ['personas'],
                extensions: { code: 'SERVICE_UNAVAILABLE', details: { retryable: true, retryAfterSeconds: 7 } },
              },
            ],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
    const { config } = loadRouterEnv({ INTERNAL_TOKEN_SECRET: 's'.repeat(40), LOG_LEVEL: 'silent' });
    const subgraphUrls = Object.fromEntries(['identity', 'personality', 'memory', 'quest', 'conversation'].map((n) => [n, url]));
    router = await startRouter({ ...config, subgraphUrls }, { port: 0 });
  });
  afterAll(async () => {
    await router?.close();
    await new Promise((resolve) => subgraph?.close(resolve));
  });

  const ask = (accept: string) =>
    fetch(router.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query: '{ personas { id } }' }),
    });

  it('answers 503 with Retry-After and no data for application/graphql-response+json', async () => {
    const response = await ask('application/graphql-response+json');
    const body = (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(body).not.toHaveProperty('data');
    expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(body)).not.toMatch(/serviceName|127\.0\.0\.1|https?:\/\//);
  });

  it('answers 200 with the same error for application/json (legacy clients)', async () => {
    const response = await ask('application/json');
    const body = (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
    expect(response.status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
