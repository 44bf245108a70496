import { PlatformSessionDocument } from './gql/graphql.ts';
import { createMiyuClient, type MiyuClient } from './miyu-client.ts';

/** A platform account the worker acts for. */
export interface PlatformAccount {
  externalId: string;
  username?: string | undefined;
  displayName?: string | undefined;
}

export interface SessionCacheOptions {
  routerUrl: string;
  /** The worker's service credential (its SERVICE_CREDENTIALS secret). */
  serviceSecret: string;
  platform: 'TELEGRAM' | 'TWITTER';
  /** A token this close to its expiry is replaced before it is used. */
  refreshBeforeMs?: number;
  /** How many people's clients to keep open; the least recently used one is closed beyond it. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  client: MiyuClient;
  userId: string;
  expiresAt: number;
}

/**
 * A MIYU client per platform account, each with the user token `platformSession` returned (the
 * service credential may get-or-create the user, but only the user's own token acts for them).
 * Tokens are cached and replaced shortly before they expire; concurrent first uses share one call.
 */
export function createSessionCache(options: SessionCacheOptions) {
  const service = createMiyuClient({ url: options.routerUrl, token: options.serviceSecret });
  const refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60_000;
  const maxEntries = options.maxEntries ?? 1_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry>>();

  async function open(account: PlatformAccount): Promise<Entry> {
    const { platformSession } = await service.request(PlatformSessionDocument, {
      input: {
        platform: options.platform,
        externalId: account.externalId,
        ...(account.username ? { username: account.username } : {}),
        ...(account.displayName ? { displayName: account.displayName.slice(0, 100) } : {}),
      },
    });
    const entry = {
      client: createMiyuClient({ url: options.routerUrl, token: platformSession.token }),
      userId: platformSession.user.id,
      expiresAt: Date.parse(platformSession.expiresAt),
    };
    const previous = entries.get(account.externalId);
    entries.delete(account.externalId);
    entries.set(account.externalId, entry);
    if (previous) void previous.client.close();
    while (entries.size > maxEntries) {
      const [oldest, evicted] = entries.entries().next().value as [string, Entry];
      entries.delete(oldest);
      void evicted.client.close();
    }
    return entry;
  }

  return {
    /** The client acting as this account's MIYU user (created on first use). */
    async sessionFor(account: PlatformAccount): Promise<{ client: MiyuClient; userId: string }> {
      const cached = entries.get(account.externalId);
      if (cached && cached.expiresAt - refreshBeforeMs > now()) {
        entries.delete(account.externalId);
        entries.set(account.externalId, cached);
        return cached;
      }
      let pending = inFlight.get(account.externalId);
      if (!pending) {
        pending = open(account).finally(() => inFlight.delete(account.externalId));
        inFlight.set(account.externalId, pending);
      }
      return pending;
    },
    /** Drops an account's token (e.g. after the router refused it). */
    invalidate(externalId: string): void {
      const entry = entries.get(externalId);
      entries.delete(externalId);
      if (entry) void entry.client.close();
    },
    async close(): Promise<void> {
      await Promise.all([...entries.values()].map((entry) => entry.client.close()));
      entries.clear();
      await service.close();
    },
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
