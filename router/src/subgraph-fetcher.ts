import { Agent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { INTERNAL_TOKEN_HEADER } from '@miyu/auth/internal-token';

export interface SubgraphFetcherOptions {
  timeoutMs: number;
  /** Sockets kept open to this subgraph (the pool); more requests queue for one. */
  maxSockets?: number;
}

interface Answer {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the gateway reads of a response: status, headers.get, json(), text(). */
function toFetcherResponse(url: string, answer: Answer) {
  return {
    ok: answer.status >= 200 && answer.status < 300,
    status: answer.status,
    statusText: answer.statusText,
    url,
    redirected: false,
    headers: {
      get: (name: string) => {
        const value = answer.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    json: async () => JSON.parse(answer.body) as unknown,
    text: async () => answer.body,
    clone() {
      return toFetcherResponse(url, answer);
    },
  };
}

/** A subgraph fetch that only reads: a query (printed by the query planner as `query …` or `{…}`). */
function isQuery(body: string): boolean {
  return body.startsWith('{"query":"query') || body.startsWith('{"query":"{');
}

/**
 * The gateway's fetcher for one subgraph: a pooled keep-alive HTTP/1.1 agent of its own, one
 * timer per call for the timeout (no AbortSignal), and identical queries in flight merged — same
 * URL, same caller (the internal token) and the same body (document and variables) get one
 * request and each their own copy of its answer. Mutations are never merged.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions) {
  const pool = { keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' as const };
  const agent = new Agent(pool);
  // a subgraph behind TLS (an https:// URL) gets a pool of its own
  let tlsAgent: HttpsAgent | undefined;
  const inFlight = new Map<string, Promise<Answer>>();
  // the gateway calls with the same URL string each time: parsed once, not by http.request per call
  const targets = new Map<string, { hostname: string; port: string; path: string; protocol: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = {
        hostname: parsed.hostname,
        port: parsed.port,
        path: `${parsed.pathname}${parsed.search}`,
        protocol: parsed.protocol,
      };
      if (targets.size < 100) targets.set(url, target);
    }
    return target;
  };
  let merged = 0;

  function send(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string },
    retried = false,
  ): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const body = init.body ?? '';
      const target = targetOf(url);
      const tls = target.protocol === 'https:';
      if (tls) tlsAgent ??= new HttpsAgent(pool);
      const req = (tls ? httpsRequest : httpRequest)({
        ...target,
        agent: tls ? tlsAgent : agent,
        method: init.method ?? 'POST',
        headers: { ...init.headers, 'content-length': Buffer.byteLength(body) },
      });
      const timer = setTimeout(
        () => req.destroy(new Error(`subgraph request timed out after ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
      req.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        // a kept-alive socket the subgraph closed just as it was reused: the request never
        // reached it, so it is sent once more on a fresh connection (as Node's docs advise)
        if (req.reusedSocket && error.code === 'ECONNRESET' && !retried) resolve(send(url, init, true));
        else reject(error);
      });
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        res.once('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      req.end(body);
    });
  }

  const fetcher = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => {
    const body = init.body ?? '';
    if (!isQuery(body)) return toFetcherResponse(url, await send(url, init));
    const key = `${url}\n${init.headers?.[INTERNAL_TOKEN_HEADER] ?? ''}\n${body}`;
    let answer = inFlight.get(key);
    if (answer) merged += 1;
    else {
      answer = send(url, init).finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
    }
    return toFetcherResponse(url, await answer);
  };

  return {
    fetcher,
    /** Subgraph fetches answered by another identical one in flight, since start. */
    merged: () => merged,
    close: () => {
      agent.destroy();
      tlsAgent?.destroy();
    },
  };
}
