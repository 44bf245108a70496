/**
 * The fault suite's clients: what a web app or worker does against the routers — HTTP for
 * mutations and queries, graphql-ws for reply streams — with the retries a careful client makes
 * (same clientMessageId, the other router when one is down, Retry-After honoured).
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface GqlAnswer<T> {
  status: number;
  data?: T;
  errors?: {
    message: string;
    extensions?: { code?: string; serviceName?: string; details?: { retryable?: boolean; retryAfterSeconds?: number } };
  }[];
  retryAfterSeconds?: number;
  /** Set when no HTTP answer came at all (connection refused, timeout). */
  networkError?: string;
}

export async function gql<T>(
  routerUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  timeoutMs = 30_000,
): Promise<GqlAnswer<T>> {
  try {
    const response = await fetch(`${routerUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const retryAfter = response.headers.get('retry-after');
    const body = (await response.json().catch(() => ({}))) as Pick<GqlAnswer<T>, 'data' | 'errors'>;
    return {
      status: response.status,
      ...body,
      ...(retryAfter ? { retryAfterSeconds: Number(retryAfter) } : {}),
    };
  } catch (error) {
    return { status: 0, networkError: (error as Error).cause ? String((error as Error).cause) : (error as Error).message };
  }
}

/** The code a failed answer carries: the first error's, `HTTP <status>`, or `NETWORK`. */
export function failureCode(answer: GqlAnswer<unknown>): string | undefined {
  if (answer.networkError) return 'NETWORK';
  if (answer.errors?.length) return answer.errors[0]?.extensions?.code ?? `HTTP ${answer.status}`;
  if (answer.status >= 400 || !answer.data) return `HTTP ${answer.status}`;
  return undefined;
}

/** Codes a client may read as "try again, nothing is wrong with what you sent". */
export const HONEST_RETRY_CODES = new Set(['SERVICE_UNAVAILABLE', 'RATE_LIMITED', 'NETWORK']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries a call on another router until it answers without errors or `deadline` passes. */
async function withFailover<T>(
  routerUrls: string[],
  call: (url: string) => Promise<GqlAnswer<T>>,
  deadline: number,
  onFailure?: (code: string, answer: GqlAnswer<T>) => void,
): Promise<T | undefined> {
  for (let attempt = 0; attempt < 1_000 && Date.now() < deadline; attempt += 1) {
    const answer = await call(routerUrls[attempt % routerUrls.length] as string);
    const code = failureCode(answer);
    if (!code) return answer.data;
    onFailure?.(code, answer);
    if (code === 'BAD_USER_INPUT' || code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'EMAIL_TAKEN')
      return undefined;
    await sleep(Math.min((answer.retryAfterSeconds ?? 0.5) * 1000, 2_000));
  }
  return undefined;
}

export interface Person {
  name: string;
  token: string;
  conversationId: string;
}

export async function newPerson(routerUrls: string[], name: string, deadline: number): Promise<Person> {
  const email = `${name.toLowerCase()}-${randomBytes(5).toString('hex')}@faults.example`;
  let why = '';
  const remember = (code: string, answer: GqlAnswer<unknown>) => {
    why = `${code}: ${answer.errors?.[0]?.message ?? answer.networkError ?? ''}`;
  };
  const signedUp = await withFailover<{ signUp: { token: string } }>(
    routerUrls,
    (url) =>
      gql(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
        input: { email, password: 'correct horse battery', displayName: name },
      }),
    deadline,
    remember,
  );
  // a sign-up whose answer was lost (a timeout) may have created the account: sign in to it
  const signedIn = signedUp
    ? undefined
    : await withFailover<{ signIn: { token: string } }>(
        routerUrls,
        (url) =>
          gql(url, 'mutation($input: SignInInput!) { signIn(input: $input) { token } }', {
            input: { email, password: 'correct horse battery' },
          }),
        deadline,
        remember,
      );
  const token = signedUp?.signUp.token ?? signedIn?.signIn.token;
  if (!token) throw new Error(`could not sign ${name} up (${why})`);
  const started = await withFailover<{ startConversation: { id: string } }>(
    routerUrls,
    (url) => gql(url, 'mutation { startConversation(input: {platform: WEB, title: "faults"}) { id } }', {}, token),
    deadline,
    remember,
  );
  if (!started) throw new Error(`could not start ${name}'s conversation (${why})`);
  return { name, token, conversationId: started.startConversation.id };
}

export interface SendOutcome {
  content: string;
  clientMessageId: string;
  replyId: string | undefined;
  /** Every failed answer on the way, by code (with `+serviceName` when the error named a service). */
  failures: string[];
  ms: number;
}

const SEND = `mutation($input: SendMessageInput!) {
  sendMessage(input: $input) { message { id } reply { id status } }
}`;

/** sendMessage with retries under one clientMessageId until it succeeds or `deadline` passes. */
export async function sendMessage(
  routerUrls: string[],
  person: Person,
  content: string,
  deadline: number,
  clientMessageId = `f-${randomBytes(8).toString('hex')}`,
): Promise<SendOutcome> {
  const failures: string[] = [];
  const started = performance.now();
  const data = await withFailover<{ sendMessage: { reply: { id: string } } }>(
    routerUrls,
    (url) => gql(url, SEND, { input: { conversationId: person.conversationId, content, clientMessageId } }, person.token),
    deadline,
    (code, answer) => failures.push(answer.errors?.some((error) => error.extensions?.serviceName) ? `${code}+serviceName` : code),
  );
  return { content, clientMessageId, replyId: data?.sendMessage.reply.id, failures, ms: performance.now() - started };
}

export const REPLY_STREAM = `subscription($id: ID!, $after: Int) {
  replyStream(messageId: $id, afterSeq: $after) { seq delta done reset message { status content } }
}`;

export interface Chunk {
  seq: number;
  delta: string;
  done: boolean;
  reset: boolean;
  message: { status: string; content: string } | null;
}

export interface FollowOutcome {
  chunks: Chunk[];
  /** How each broken subscription ended (error code, `closed`…). */
  interruptions: string[];
  completed: boolean;
  /** The longest wait between two chunks (or from a resubscription to its first chunk), ms. */
  longestSilenceMs: number;
  at: number;
}

/**
 * Follows a reply to its done chunk, resubscribing with afterSeq on the next router whenever
 * the stream breaks. `onChunk` sees each chunk once, in order.
 */
export async function followReply(
  routerUrls: string[],
  token: string,
  replyId: string,
  deadline: number,
  options: { firstRouter?: number; onChunk?: (chunk: Chunk) => void; silenceLimitMs?: number } = {},
): Promise<FollowOutcome> {
  const chunks: Chunk[] = [];
  const interruptions: string[] = [];
  let longestSilenceMs = 0;
  for (let attempt = 0; attempt < 50 && Date.now() < deadline; attempt += 1) {
    const url = routerUrls[((options.firstRouter ?? 0) + attempt) % routerUrls.length] as string;
    const client = createClient({
      url: `${url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: true,
    });
    const after = chunks.at(-1)?.seq;
    let last = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const ended = await new Promise<string>((resolve) => {
      timer = setInterval(() => {
        if (Date.now() > deadline) resolve('deadline');
        if (options.silenceLimitMs && Date.now() - last > options.silenceLimitMs) resolve('silence');
      }, 100);
      const stop = client.subscribe<{ replyStream: Chunk }>(
        { query: REPLY_STREAM, variables: { id: replyId, ...(after !== undefined ? { after } : {}) } },
        {
          next: (result) => {
            const chunk = result.data?.replyStream;
            if (!chunk) {
              interruptions.push(result.errors?.[0]?.extensions?.code?.toString() ?? 'error');
              return;
            }
            longestSilenceMs = Math.max(longestSilenceMs, Date.now() - last);
            last = Date.now();
            chunks.push(chunk);
            options.onChunk?.(chunk);
          },
          error: (error) => resolve(`error ${(error as { code?: number }).code ?? String(error)}`),
          complete: () => resolve('complete'),
        },
      );
      void stop;
    }).finally(() => clearInterval(timer));
    await client.dispose();
    if (chunks.at(-1)?.done) return { chunks, interruptions, completed: true, longestSilenceMs, at: Date.now() };
    interruptions.push(ended);
    await sleep(250);
  }
  return { chunks, interruptions, completed: false, longestSilenceMs, at: Date.now() };
}

export interface StoredMessage {
  id: string;
  role: string;
  status: string;
  content: string;
  replyTo: { id: string } | null;
  /** For a COMPLETE reply: whether its context query answered in full. */
  contextComplete?: boolean | null;
}

/** The conversation's last messages, asked of any router that answers. */
export async function history(routerUrls: string[], person: Person, deadline: number): Promise<StoredMessage[]> {
  const data = await withFailover<{ conversation: { messages: { nodes: StoredMessage[] } } }>(
    routerUrls,
    (url) =>
      gql(
        url,
        'query($id: ID!) { conversation(id: $id) { messages(last: 100) { nodes { id role status content replyTo { id } contextComplete } } } }',
        { id: person.conversationId },
        person.token,
      ),
    deadline,
  );
  if (!data) throw new Error(`could not read ${person.name}'s conversation`);
  return data.conversation.messages.nodes;
}
