import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  createBehaviorControl,
  FAKE_MODE_HEADER,
  type FakeOpenAiBehavior,
  type FakeOpenAiMode,
  replyFor,
} from './fake-openai-behavior.ts';
import { type CompletionPlan, writeCompletionJson, writeCompletionStream } from './fake-openai-sse.ts';

export interface FakeOpenAiServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Initial behaviour; see FakeOpenAiBehavior for the defaults. */
  behavior?: Partial<FakeOpenAiBehavior>;
}

export interface FakeOpenAiServer {
  /** Base URL ending in /v1, ready for the SDK's `baseURL`. */
  url: string;
  port: number;
  /** Parsed bodies of every POST /v1/chat/completions, in arrival order. */
  requests: Record<string, unknown>[];
  /** Changes the behaviour for all later requests. */
  setBehavior(patch: Partial<FakeOpenAiBehavior>): void;
  /** Applies `mode` to the next `count` chat requests, then returns to the global mode. */
  failNext(count: number, mode: FakeOpenAiMode): void;
  /** Stops listening and destroys open (including stalled) connections. */
  close(): Promise<void>;
}

/** A local stand-in for an OpenAI-compatible API, speaking the real SSE protocol, with faults. */
export async function startFakeOpenAiServer(options: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
  const control = createBehaviorControl(options.behavior);
  const requests: Record<string, unknown>[] = [];
  const sockets = new Set<Socket>();
  // Pending delays, so close() can end them instead of leaving handlers suspended.
  const timers = new Map<NodeJS.Timeout, (live: boolean) => void>();

  function waitFor(res: ServerResponse): (ms: number) => Promise<boolean> {
    return (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve(!res.destroyed);
        }, ms);
        timers.set(timer, resolve);
      });
  }

  async function handleChat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!/^Bearer \S+/u.test(req.headers.authorization ?? ''))
      return sendError(res, 401, 'Missing bearer token.', 'invalid_request_error');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return sendError(res, 400, 'Body is not JSON.', 'invalid_request_error');
    }
    requests.push(body);
    const behavior = control.current();
    const mode = control.modeFor(req.headers[FAKE_MODE_HEADER]);
    if (mode === 'http500') return sendError(res, 500, 'The fake server had an error.', 'server_error');
    if (mode === 'http429') {
      res.setHeader('retry-after', String(behavior.retryAfterSeconds));
      return sendError(res, 429, 'Rate limit reached.', 'rate_limit_error');
    }
    const wait = waitFor(res);
    if (mode === 'slowFirstByte' && !(await wait(behavior.firstByteDelayMs))) return;
    const messages = Array.isArray(body.messages) ? (body.messages as { role?: unknown; content?: unknown }[]) : [];
    const lastUser = messages.findLast((message) => message.role === 'user');
    const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
    const plan: CompletionPlan = {
      behavior,
      mode,
      text: replyFor(behavior, typeof lastUser?.content === 'string' ? lastUser.content : ''),
      includeUsage: streamOptions?.include_usage === true,
      promptTokens: messages.reduce(
        (sum, m) =>
          sum +
          String(m.content ?? '')
            .split(/\s+/u)
            .filter(Boolean).length,
        0,
      ),
      wait,
    };
    if (body.stream === true) await writeCompletionStream(res, plan);
    else writeCompletionJson(res, plan);
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      handleChat(req, res).catch(() => res.destroy());
    } else if (req.method === 'GET' && path === '/v1/models') {
      const model = { id: control.current().model, object: 'model', created: 0, owned_by: 'miyu-fake' };
      sendJson(res, 200, { object: 'list', data: [model] });
    } else {
      sendError(res, 404, `No route for ${req.method} ${path}.`, 'invalid_request_error');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    setBehavior: control.set,
    failNext: control.failNext,
    close() {
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve(false);
      }
      timers.clear();
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string, type: string): void {
  sendJson(res, status, { error: { message, type, param: null, code: null } });
}
