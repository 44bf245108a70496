import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';

describe('subgraph fetcher', () => {
  let server: Server;
  let url: string;
  let requests = 0;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests += 1;
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const delay = body.includes('slow') ? 1_000 : 30;
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: { echo: body.length, token: req.headers['x-miyu-internal'] ?? null } }));
        }, delay);
      });
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const init = (query: string, token: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-miyu-internal': token },
    body: JSON.stringify({ query, variables: {} }),
  });

  it('merges identical queries of one caller in flight, each caller its own copy', async () => {
    const client = createSubgraphFetcher({ timeoutMs: 5_000 });
    requests = 0;
    const same = await Promise.all(Array.from({ length: 5 }, () => client.fetcher(url, init('query A{me{id}}', 't1'))));
    expect(requests).toBe(1);
    expect(client.merged()).toBe(4);
    const bodies = await Promise.all(same.map((response) => response.json()));
    expect(bodies[0]).toEqual({ data: { echo: expect.any(Number), token: 't1' } });
    expect(bodies[1]).not.toBe(bodies[0]);
    expect(same[0]?.headers.get('Content-Type')).toBe('application/json');

    requests = 0;
    await Promise.all([
      client.fetcher(url, init('query A{me{id}}', 't1')),
      client.fetcher(url, init('query A{me{id}}', 't2')),
      client.fetcher(url, init('query B{me{id}}', 't1')),
    ]);
    expect(requests).toBe(3);
    client.close();
  });

  it('never merges mutations, and does not merge once the first answer is in', async () => {
    const client = createSubgraphFetcher({ timeoutMs: 5_000 });
    requests = 0;
    await Promise.all(Array.from({ length: 3 }, () => client.fetcher(url, init('mutation M{go}', 't1'))));
    expect(requests).toBe(3);
    requests = 0;
    await client.fetcher(url, init('{me{id}}', 't1'));
    await client.fetcher(url, init('{me{id}}', 't1'));
    expect(requests).toBe(2);
    client.close();
  });

  it('keeps its connections open between fetches (a pool per subgraph)', async () => {
    const client = createSubgraphFetcher({ timeoutMs: 5_000 });
    connections = 0;
    for (let i = 0; i < 5; i += 1) await client.fetcher(url, init(`query N${i}{me{id}}`, 't1'));
    expect(connections).toBe(1);
    client.close();
  });

  it('sends again on a fresh connection when the subgraph closed the kept-alive one', async () => {
    const seen = new Set<unknown>();
    const closing = createServer((req, res) => {
      // the second request on a socket finds it reset, as when an idle keep-alive times out
      if (seen.has(req.socket)) return void req.socket.destroy();
      seen.add(req.socket);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{"ok":true}}');
    });
    await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(closing.address() as AddressInfo).port}/graphql`;
    const client = createSubgraphFetcher({ timeoutMs: 5_000 });
    for (let i = 0; i < 3; i += 1)
      expect(await (await client.fetcher(target, init('mutation M{go}', 't1'))).json()).toEqual({ data: { ok: true } });
    client.close();
    await new Promise((resolve) => closing.close(resolve));
  });

  it('gives up after the timeout with an error that names no address', async () => {
    const client = createSubgraphFetcher({ timeoutMs: 100 });
    await expect(client.fetcher(url, init('query slow{me{id}}', 't1'))).rejects.toThrow(/timed out after 100 ms/);
    client.close();
  });
});
