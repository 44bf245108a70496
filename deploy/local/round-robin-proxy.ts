import { Agent, createServer, type IncomingHttpHeaders, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createUpgradeHandler } from './proxy-websocket.ts';
import { createRotation, isRefused, parseUpstream, type Upstream } from './upstream-rotation.ts';

/** Request headers that describe one hop, not the request (RFC 9110 section 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface RoundRobinProxyOptions {
  /** Base URLs of the replicas, e.g. `http://127.0.0.1:4101`. */
  upstreams: string[];
  /** How long a replica that refused a connection is tried last. */
  downForMs?: number;
}

type Outcome = 'sent' | 'refused' | 'failed';

/** A local stand-in for a Kubernetes Service: one URL in front of N replicas of a subgraph. */
export function createRoundRobinProxy(options: RoundRobinProxyOptions) {
  const upstreams = options.upstreams.map(parseUpstream);
  if (upstreams.length === 0) throw new Error('round-robin proxy needs at least one upstream');
  const rotation = createRotation(upstreams.length, { downForMs: options.downForMs ?? 2_000 });
  const agent = new Agent({ keepAlive: true });
  const upgraded = new Set<Duplex>();

  const server = createServer((req, res) => void handle(req, res));
  server.on('upgrade', createUpgradeHandler(upstreams, rotation, upgraded));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Buffered so a request can be replayed on the next replica when the first refuses it.
    const body = await readBody(req).catch(() => undefined);
    if (!body) return sendError(res, 413, 'Request body too large.', 'PAYLOAD_TOO_LARGE');
    for (const index of rotation.next()) {
      const outcome = await forward(upstreams[index] as Upstream, req, body, res);
      if (outcome === 'sent') return rotation.markUp(index);
      if (outcome === 'failed') break; // it may have run: never replay a mutation
      rotation.markDown(index);
    }
    if (!res.headersSent) sendError(res, 502, 'Service unavailable.', 'BAD_GATEWAY');
    else res.destroy();
  }

  function forward(upstream: Upstream, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<Outcome> {
    return new Promise((resolve) => {
      const headers = withoutHopByHop(req.headers);
      headers['content-length'] = String(body.length);
      headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
      const outgoing = request({ host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers, agent });
      outgoing.once('response', (incoming) => {
        res.writeHead(incoming.statusCode ?? 502, withoutHopByHop(incoming.headers));
        incoming.pipe(res);
        incoming.on('error', () => res.destroy());
        res.once('close', () => incoming.destroy());
        resolve('sent');
      });
      outgoing.on('error', (error) => resolve(isRefused(error) ? 'refused' : 'failed'));
      outgoing.end(body);
    });
  }

  return {
    server,
    listen(port: number, host = '127.0.0.1'): Promise<string> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(`http://${host}:${typeof address === 'object' && address ? address.port : port}`);
        });
      });
    },
    close(): Promise<void> {
      for (const socket of upgraded) socket.destroy();
      server.closeAllConnections();
      agent.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export type RoundRobinProxy = ReturnType<typeof createRoundRobinProxy>;

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** GraphQL-shaped error that names no replica: internal addresses never reach clients. */
function sendError(res: ServerResponse, status: number, message: string, code: string): void {
  res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
