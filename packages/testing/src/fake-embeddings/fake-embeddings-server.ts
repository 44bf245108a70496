import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeEmbeddingsServerOptions {
  port?: number;
  /** Vector size when a request gives no `dimensions` (default 64). */
  dimensions?: number;
  /** Words treated as one (each group shares its vector part): a stand-in for what a model knows. */
  synonyms?: string[][];
}

export interface FakeEmbeddingsServer {
  /** Base URL ending in /v1, for the SDK's `baseURL`. */
  url: string;
  /** Parsed bodies of every POST /v1/embeddings, in arrival order. */
  requests: Array<{ model: string; input: string[]; dimensions?: number }>;
  /** The next `count` requests answer 500 (then normal again). */
  failNext(count: number): void;
  /** Delay before every answer from now on (for timeouts). */
  setDelayMs(ms: number): void;
  close(): Promise<void>;
}

const STOP = new Set(['a', 'an', 'the', 'is', 'are', 'am', 'i', 'my', 'me', 'to', 'of', 'in', 'and', 'do', 'what', 'it']);

/**
 * A local OpenAI-compatible `/v1/embeddings`: a deterministic hashed bag of words (each content
 * word, or its synonym group, adds a pseudo-random ±1 pattern), unit length. Enough to test the
 * client, batching, timeouts and failures, and for CI's "with embeddings" evaluation; not a model.
 */
export async function startFakeEmbeddingsServer(options: FakeEmbeddingsServerOptions = {}): Promise<FakeEmbeddingsServer> {
  const requests: FakeEmbeddingsServer['requests'] = [];
  const sockets = new Set<Socket>();
  const group = new Map<string, string>();
  for (const words of options.synonyms ?? []) for (const word of words) group.set(word, words[0] ?? word);
  let failures = 0;
  let delayMs = 0;

  const embed = (text: string, dimensions: number) => {
    const vector = new Array<number>(dimensions).fill(0);
    for (const raw of text.toLowerCase().match(/[a-z0-9']+/gu) ?? []) {
      if (STOP.has(raw)) continue;
      const word = group.get(raw) ?? raw.replace(/(?:ing|ed|es|s)$/u, '');
      const hash = createHash('sha256').update(word).digest();
      for (let d = 0; d < dimensions; d++) vector[d] = (vector[d] ?? 0) + ((hash[d % 32] ?? 0) & (1 << (d % 8)) ? 1 : -1);
    }
    const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0)) || 1;
    return vector.map((x) => x / norm);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') return send(res, 404, { error: { message: 'Not found.' } });
    if (!/^Bearer \S+/u.test(req.headers.authorization ?? ''))
      return send(res, 401, { error: { message: 'Missing bearer token.' } });
    let body: { model?: unknown; input?: unknown; dimensions?: unknown };
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { error: { message: 'Body is not JSON.' } });
    }
    const input = typeof body.input === 'string' ? [body.input] : body.input;
    if (typeof body.model !== 'string' || !Array.isArray(input) || !input.every((x) => typeof x === 'string'))
      return send(res, 400, { error: { message: 'model and input (string or string[]) are required.' } });
    const dimensions = typeof body.dimensions === 'number' ? body.dimensions : (options.dimensions ?? 64);
    requests.push({ model: body.model, input, ...(typeof body.dimensions === 'number' ? { dimensions } : {}) });
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (res.destroyed) return;
    if (failures > 0) {
      failures--;
      return send(res, 500, { error: { message: 'The fake server had an error.', type: 'server_error' } });
    }
    send(res, 200, {
      object: 'list',
      model: body.model,
      data: input.map((text, index) => ({ object: 'embedding', index, embedding: embed(text, dimensions) })),
      usage: { prompt_tokens: input.length, total_tokens: input.length },
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: { message: 'fake embeddings server failed' } }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext: (count) => {
      failures = count;
    },
    setDelayMs: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
