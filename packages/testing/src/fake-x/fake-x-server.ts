import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type OAuth1Secrets, verifyOAuth1 } from './oauth1-signature.ts';

export interface FakeXUser {
  id: string;
  username: string;
  name: string;
}

export interface FakeTweet {
  id: string;
  text: string;
  author_id: string;
  /** The post this one answers (reply.in_reply_to_tweet_id). */
  in_reply_to_tweet_id?: string;
  /** The first post of the conversation (X's conversation_id). */
  conversation_id: string;
}

export interface FakeXOptions {
  account?: FakeXUser;
  credentials?: Partial<OAuth1Secrets>;
  /** Requests allowed per window per endpoint before x-rate-limit-remaining reaches 0. */
  windowLimit?: number;
}

export interface FakeXServer {
  /** For X_API_BASE_URL (requests go to `<baseUrl>/2/…`). */
  baseUrl: string;
  account: FakeXUser;
  credentials: OAuth1Secrets;
  /** Every request, in order (method, path and query; 429s and 401s included, with their status). */
  requests: { method: string; path: string; query: Record<string, string>; status: number; at: number }[];
  /** Someone mentions her (optionally in reply to a post); returns the new tweet's id. */
  mention(author: FakeXUser, text: string, inReplyTo?: string): string;
  /** The posts she made, oldest first. */
  posts(): FakeTweet[];
  /** Her posts in the thread under `tweetId`, in thread order (each answering the one before). */
  threadUnder(tweetId: string): FakeTweet[];
  /** Answers the next `count` requests to `endpoint` ('mentions' | 'tweets' | 'me') with 429, the window resetting in `resetInSeconds`. */
  rateLimitNext(endpoint: Endpoint, count: number, resetInSeconds: number): void;
  /** Holds the next POST /2/tweets until released; `arrived` resolves once it is being held. */
  holdNextPost(): { arrived: Promise<void>; release(): void };
  close(): Promise<void>;
}

type Endpoint = 'me' | 'mentions' | 'tweets';

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local X API v2 speaking X's wire format for the calls a mentions bot makes: GET /2/users/me,
 * GET /2/users/:id/mentions (since_id, max_results, expansions=author_id, meta.newest_id), POST
 * /2/tweets (reply.in_reply_to_tweet_id); OAuth 1.0a signatures checked, x-rate-limit-* headers
 * on every answer, 429 on demand.
 */
export async function startFakeX(options: FakeXOptions = {}): Promise<FakeXServer> {
  const account = options.account ?? { id: '1500000000000000001', username: 'miyu', name: 'MIYU' };
  const credentials: OAuth1Secrets = {
    consumerKey: 'fake-consumer-key',
    consumerSecret: 'fake-consumer-secret',
    token: `${account.id}-fake-access-token`,
    tokenSecret: 'fake-access-secret',
    ...options.credentials,
  };
  const windowLimit = options.windowLimit ?? 450;
  const users = new Map<string, FakeXUser>([[account.id, account]]);
  const tweets: FakeTweet[] = [];
  let nextId = 1_860_000_000_000_000_000n;
  const newId = () => {
    nextId += 1_000n;
    return String(nextId);
  };
  const windows = new Map<Endpoint, { used: number; resetAt: number }>();
  const forced = new Map<Endpoint, { count: number; resetInSeconds: number }>();
  const requests: FakeXServer['requests'] = [];
  let held: { arrived: () => void; released: Promise<void> } | undefined;

  function rateHeaders(endpoint: Endpoint, remainingOverride?: number, resetOverride?: number): Record<string, string> {
    const now = Math.floor(Date.now() / 1000);
    let window = windows.get(endpoint);
    if (!window || window.resetAt <= now) {
      window = { used: 0, resetAt: now + 900 };
      windows.set(endpoint, window);
    }
    window.used += 1;
    return {
      'x-rate-limit-limit': String(windowLimit),
      'x-rate-limit-remaining': String(remainingOverride ?? Math.max(windowLimit - window.used, 0)),
      'x-rate-limit-reset': String(resetOverride ?? window.resetAt),
    };
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> {
    const endpoint: Endpoint | undefined =
      url.pathname === '/2/users/me'
        ? 'me'
        : /^\/2\/users\/\d+\/mentions$/u.test(url.pathname)
          ? 'mentions'
          : url.pathname === '/2/tweets'
            ? 'tweets'
            : undefined;
    if (!endpoint) {
      json(res, 404, { title: 'Not Found Error', detail: `Sorry, that page does not exist: ${url.pathname}`, status: 404 });
      return 404;
    }
    const authError = verifyOAuth1(req.method ?? 'GET', url, req.headers.authorization, credentials);
    if (authError) {
      json(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: authError });
      return 401;
    }
    const force = forced.get(endpoint);
    if (force && force.count > 0) {
      force.count -= 1;
      const reset = Math.ceil(Date.now() / 1000 + force.resetInSeconds);
      json(
        res,
        429,
        { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
        rateHeaders(endpoint, 0, reset),
      );
      return 429;
    }
    if (endpoint === 'me' && req.method === 'GET') {
      json(res, 200, { data: account }, rateHeaders(endpoint));
      return 200;
    }
    if (endpoint === 'mentions' && req.method === 'GET') {
      const userId = url.pathname.split('/')[3];
      const sinceId = url.searchParams.get('since_id');
      const max = Number(url.searchParams.get('max_results') ?? 10);
      if (!Number.isInteger(max) || max < 5 || max > 100) {
        json(res, 400, {
          errors: [
            {
              parameters: { max_results: [String(max)] },
              message: 'The `max_results` query parameter value is not between 5 and 100',
            },
          ],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        });
        return 400;
      }
      const handle = `@${users.get(userId ?? '')?.username ?? '\u0000'}`.toLowerCase();
      const found = tweets
        .filter((t) => t.text.toLowerCase().includes(handle) && t.author_id !== userId)
        .filter((t) => !sinceId || BigInt(t.id) > BigInt(sinceId))
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? 1 : -1))
        .slice(0, max);
      const fields = (url.searchParams.get('tweet.fields') ?? '').split(',');
      const data = found.map((t) => ({
        id: t.id,
        text: t.text,
        edit_history_tweet_ids: [t.id],
        ...(url.searchParams.get('expansions')?.split(',').includes('author_id') || fields.includes('author_id')
          ? { author_id: t.author_id }
          : {}),
      }));
      const expandAuthors = url.searchParams.get('expansions')?.split(',').includes('author_id');
      const body =
        found.length === 0
          ? { meta: { result_count: 0 } }
          : {
              data,
              ...(expandAuthors
                ? { includes: { users: [...new Set(found.map((t) => t.author_id))].map((id) => users.get(id)).filter(Boolean) } }
                : {}),
              meta: { newest_id: found[0]?.id, oldest_id: found.at(-1)?.id, result_count: found.length },
            };
      json(res, 200, body, rateHeaders(endpoint));
      return 200;
    }
    if (endpoint === 'tweets' && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}') as { text?: string; reply?: { in_reply_to_tweet_id?: string } };
      const parent = body.reply?.in_reply_to_tweet_id ? tweets.find((t) => t.id === body.reply?.in_reply_to_tweet_id) : undefined;
      if (typeof body.text !== 'string' || !body.text.trim() || (body.reply && !parent)) {
        json(res, 400, {
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
          status: 400,
        });
        return 400;
      }
      if (held) {
        const current = held;
        held = undefined;
        current.arrived();
        await current.released;
      }
      const id = newId();
      tweets.push({
        id,
        text: body.text,
        author_id: account.id,
        conversation_id: parent?.conversation_id ?? id,
        ...(parent ? { in_reply_to_tweet_id: parent.id } : {}),
      });
      json(res, 201, { data: { id, text: body.text, edit_history_tweet_ids: [id] } }, rateHeaders(endpoint));
      return 201;
    }
    json(res, 405, { title: 'Method Not Allowed', status: 405 });
    return 405;
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const at = Date.now();
    route(req, res, url)
      .then((status) =>
        requests.push({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          status,
          at,
        }),
      )
      .catch(() => {
        if (!res.headersSent) json(res, 500, { title: 'Internal Error' });
      });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    account,
    credentials,
    requests,
    mention(author, text, inReplyTo) {
      users.set(author.id, author);
      const id = newId();
      const parent = inReplyTo ? tweets.find((t) => t.id === inReplyTo) : undefined;
      tweets.push({
        id,
        text,
        author_id: author.id,
        conversation_id: parent?.conversation_id ?? id,
        ...(parent ? { in_reply_to_tweet_id: parent.id } : {}),
      });
      return id;
    },
    posts: () => tweets.filter((t) => t.author_id === account.id),
    threadUnder(tweetId) {
      const thread: FakeTweet[] = [];
      let parent = tweetId;
      for (;;) {
        const next = tweets.find((t) => t.author_id === account.id && t.in_reply_to_tweet_id === parent);
        if (!next) return thread;
        thread.push(next);
        parent = next.id;
      }
    },
    rateLimitNext(endpoint, count, resetInSeconds) {
      forced.set(endpoint, { count, resetInSeconds });
    },
    holdNextPost() {
      let arrived!: () => void;
      let release!: () => void;
      const arrivedPromise = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      held = {
        arrived,
        released: new Promise<void>((resolve) => {
          release = resolve;
        }),
      };
      return { arrived: arrivedPromise, release };
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
