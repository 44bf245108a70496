import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An upstream that answers with its name and echoes the body; upgrades echo raw bytes. */
async function startUpstream(name: string): Promise<string> {
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ name, method: req.method, path: req.url, body }));
  });
  server.on('upgrade', (_req, socket) => {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nupgrade: echo\r\nconnection: Upgrade\r\n\r\n');
    socket.on('data', (data: Buffer) => socket.write(`${name}:${data}`));
    socket.on('end', () => socket.end());
  });
  const url = await listen(server);
  cleanups.push(() => close(server));
  return url;
}

/** A port nothing listens on: connections to it are refused. */
async function deadUpstream(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await close(server);
  return url;
}

async function startProxy(upstreams: string[]): Promise<{ proxy: RoundRobinProxy; url: string }> {
  const proxy = createRoundRobinProxy({ upstreams });
  const url = await proxy.listen(0);
  cleanups.push(() => proxy.close());
  return { proxy, url };
}

describe('round-robin proxy', () => {
  it('alternates requests between two upstreams', async () => {
    const { url } = await startProxy([await startUpstream('a'), await startUpstream('b')]);
    const names: string[] = [];
    for (let i = 0; i < 4; i += 1) names.push(((await (await fetch(`${url}/readyz`)).json()) as { name: string }).name);
    expect(names).toEqual(['a', 'b', 'a', 'b']);
  });

  it('forwards method, path and body', async () => {
    const { url } = await startProxy([await startUpstream('a')]);
    const response = await fetch(`${url}/graphql?x=1`, { method: 'POST', body: '{"query":"{ __typename }"}' });
    expect(await response.json()).toEqual({
      name: 'a',
      method: 'POST',
      path: '/graphql?x=1',
      body: '{"query":"{ __typename }"}',
    });
  });

  it('skips an upstream that refuses connections', async () => {
    const { url } = await startProxy([await deadUpstream(), await startUpstream('live')]);
    for (let i = 0; i < 4; i += 1) {
      const response = await fetch(`${url}/graphql`, { method: 'POST', body: `n=${i}` });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ name: 'live', body: `n=${i}` });
    }
  });

  it('answers 502 JSON without naming any upstream when all are down', async () => {
    const dead = [await deadUpstream(), await deadUpstream()];
    const { url } = await startProxy(dead);
    const response = await fetch(`${url}/graphql`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('application/json');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ errors: [{ message: 'Service unavailable.', extensions: { code: 'BAD_GATEWAY' } }] });
    for (const upstream of dead) {
      expect(text).not.toContain(upstream);
      expect(text).not.toContain(new URL(upstream).port);
    }
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain('ECONNREFUSED');
  });

  it('tunnels WebSocket upgrades, skipping a dead upstream', async () => {
    const { url } = await startProxy([await deadUpstream(), await startUpstream('ws')]);
    const echoed = await new Promise<string>((resolve, reject) => {
      const req = request(`${url}/graphql`, { headers: { connection: 'Upgrade', upgrade: 'echo' } });
      req.once('upgrade', (res, socket) => {
        expect(res.statusCode).toBe(101);
        socket.once('data', (data: Buffer) => {
          resolve(String(data));
          socket.destroy();
        });
        socket.write('hello');
      });
      req.once('error', reject);
      req.end();
    });
    expect(echoed).toBe('ws:hello');
  });
});

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
