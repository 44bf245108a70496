import { Agent } from 'node:http';
import { ApiResponseError, TwitterApi, type TwitterRateLimit } from 'twitter-api-v2';
import type { XWorkerConfig } from '../env.ts';

/** A mention of her account, with its author. */
export interface Mention {
  id: string;
  text: string;
  authorId: string;
  username?: string | undefined;
  name?: string | undefined;
}

export interface MentionsPage {
  mentions: Mention[];
  /** The newest mention's id (meta.newest_id), the next poll's since_id. */
  newestId?: string | undefined;
  rateLimit?: TwitterRateLimit | undefined;
}

interface MentionsResponse {
  data?: { id: string; text: string; author_id?: string }[];
  includes?: { users?: { id: string; username: string; name: string }[] };
  meta?: { newest_id?: string; result_count?: number };
}

/**
 * The few X API v2 calls the worker makes, through twitter-api-v2 with OAuth 1.0a user context.
 * Every call names its prefix (`<X_API_BASE_URL>/2/`), the library's per-request override of
 * api.x.com, so the same code talks to X or to a local server.
 */
export function createXApi(config: Pick<XWorkerConfig, 'credentials' | 'apiBaseUrl'>) {
  // twitter-api-v2 sends through https.request, which takes a plain-HTTP local server only with an http agent
  const settings = config.apiBaseUrl.startsWith('http:') ? { httpAgent: new Agent({ keepAlive: true }) } : {};
  const client = new TwitterApi(config.credentials, settings).v2;
  const prefix = `${config.apiBaseUrl}/2/`;
  return {
    async me(): Promise<{ id: string; username: string }> {
      const { data } = await client.get<{ data: { id: string; username: string } }>('users/me', undefined, { prefix });
      return { id: data.id, username: data.username };
    },
    async mentions(userId: string, sinceId: string | undefined): Promise<MentionsPage> {
      const response = await client.get<MentionsResponse>(
        'users/:id/mentions',
        {
          max_results: 100,
          expansions: 'author_id',
          'user.fields': 'username,name',
          ...(sinceId ? { since_id: sinceId } : {}),
        },
        { prefix, params: { id: userId }, fullResponse: true },
      );
      const users = new Map((response.data.includes?.users ?? []).map((user) => [user.id, user]));
      const mentions = (response.data.data ?? []).map((tweet) => {
        const author = users.get(tweet.author_id ?? '');
        return {
          id: tweet.id,
          text: tweet.text,
          authorId: tweet.author_id ?? '',
          username: author?.username,
          name: author?.name,
        };
      });
      // oldest first, the order they are answered in
      mentions.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      return { mentions, newestId: response.data.meta?.newest_id, rateLimit: response.rateLimit };
    },
    /** Posts `text` as a reply to `toTweetId`; returns the new post's id. */
    async reply(text: string, toTweetId: string): Promise<string> {
      const { data } = await client.post<{ data: { id: string } }>(
        'tweets',
        { text, reply: { in_reply_to_tweet_id: toTweetId } },
        { prefix },
      );
      return data.id;
    },
  };
}

export type XApi = ReturnType<typeof createXApi>;

/** A little after the window resets, so the clocks of X and of this machine need not agree to the millisecond. */
const RESET_MARGIN_MS = 250;

/** How long to wait until `x-rate-limit-reset` (seconds since the epoch) has passed; 0 when calls remain. */
export function untilResetMs(rateLimit: TwitterRateLimit | undefined, now: number): number {
  if (!rateLimit || rateLimit.remaining > 0 || !Number.isFinite(rateLimit.reset)) return 0;
  return Math.max(rateLimit.reset * 1000 - now, 0) + RESET_MARGIN_MS;
}

/** The pause after a 429: until the announced reset, else doubling from 15 s up to 15 minutes. */
export function backoffAfter429(error: ApiResponseError, attempt: number, now: number): number {
  const announced = error.rateLimit ? untilResetMs({ ...error.rateLimit, remaining: 0 }, now) : 0;
  return announced > 0 ? announced : Math.min(15_000 * 2 ** attempt, 15 * 60_000);
}

export function isRateLimited(error: unknown): error is ApiResponseError {
  return error instanceof ApiResponseError && error.code === 429;
}
