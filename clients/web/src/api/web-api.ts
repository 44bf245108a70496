import { createMiyuClient, MiyuRequestError, type MiyuClient } from '@miyu/sdk/miyu-client';

export type WebApi = MiyuClient;

/** Codes that mean "your session is over": the app goes back to sign-in. */
const SESSION_ENDED = new Set(['UNAUTHENTICATED', 'INVALID_TOKEN', 'TOKEN_EXPIRED']);

/** One typed client per session, on the page's own origin (HTTP for requests, graphql-ws for subscriptions). */
export function createWebApi(token: string | undefined, onSessionEnded: () => void): WebApi {
  const client = createMiyuClient({ url: `${location.origin}/graphql`, ...(token ? { token } : {}) });
  return {
    ...client,
    async request(document, variables) {
      try {
        return await client.request(document, variables);
      } catch (error) {
        if (token && error instanceof MiyuRequestError && error.code && SESSION_ENDED.has(error.code)) onSessionEnded();
        throw error;
      }
    },
    // graphql-ws's dispose waits for the socket's connection and rejects with its CloseEvent when
    // the router refused it (a token it no longer accepts): that socket is closed already
    close: () => Promise.resolve(client.close()).catch(() => undefined),
  };
}

/** A short sentence for a failed request, never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof MiyuRequestError) {
    if (error.code === 'RATE_LIMITED') {
      // details: the SDK's error carries the router's Retry-After as retryAfterSeconds
      const details = (error as { details?: { retryAfterSeconds?: unknown } }).details;
      const wait = Number(details?.retryAfterSeconds);
      return Number.isFinite(wait) && wait > 0
        ? `Rate-limited: too many requests. Try again in ${Math.ceil(wait)} s.`
        : 'Rate-limited: too many requests. Try again in a moment.';
    }
    return error.message;
  }
  if (error instanceof TypeError) return 'MIYU cannot be reached. Check your connection.';
  // graphql-ws gives up with the socket's CloseEvent
  if (typeof error === 'object' && error !== null && 'code' in error && 'reason' in error)
    return 'The connection to MIYU was lost. Check your connection and retry.';
  return 'Something went wrong.';
}
