import { randomBytes } from 'node:crypto';
import { serviceSecretFrom } from '@miyu/sdk/service-credentials';
import { loadTelegramEnv, telegramConfigured } from '@miyu/telegram/env';
import { loadXEnv, xConfigured } from '@miyu/x/env';

type Source = Record<string, string | undefined>;

/** What `npm start` needs of a social-platform worker: the same {start, stop} every worker exports. */
export interface PlatformWorker {
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

export interface PlatformWorkerEntry {
  /** The worker's service-credential name (its `SERVICE_CREDENTIALS` entry) and its start-up line's label. */
  name: string;
  configured(source: Source): boolean;
  /** Reads the worker's configuration and throws on a mistake, before anything starts. */
  check(source: Source): void;
  /**
   * Builds the worker from the process's variables plus ROUTER_URL and SERVICE_CREDENTIALS filled
   * in by the launcher. The worker's code is imported here, so an `npm start` without the platform
   * configured never loads it (the X worker's twitter-text and twitter-api-v2 alone were ~300
   * modules, core-js polyfills included).
   */
  create(source: Source): PlatformWorker | Promise<PlatformWorker>;
  /** The start-up line, from what `start` returned. */
  describe(started: unknown, source: Source): string;
}

/** The social-platform workers `npm start` runs in its own process when they are configured. */
export const PLATFORM_WORKERS: PlatformWorkerEntry[] = [
  {
    name: 'telegram',
    configured: telegramConfigured,
    check: (source) => void loadTelegramEnv(source),
    create: async (source) => {
      const { createTelegramWorker } = await import('@miyu/telegram/telegram-worker');
      return createTelegramWorker(loadTelegramEnv(source));
    },
    describe: (started, source) => {
      const { url, username } = started as { url: string; username: string };
      return `@${username} (${source.TELEGRAM_MODE === 'webhook' ? 'webhook' : 'long polling'}; health and metrics on ${url})`;
    },
  },
  {
    name: 'x',
    configured: xConfigured,
    check: (source) => void loadXEnv(source),
    create: async (source) => {
      const { createXWorker } = await import('@miyu/x/x-worker');
      return createXWorker(loadXEnv(source));
    },
    describe: (started, source) => {
      const { url, username } = started as { url: string; username: string };
      const { pollIntervalMs, dryRun } = loadXEnv(source);
      return `@${username} (mentions every ${pollIntervalMs / 1000} s${dryRun ? ', dry run' : ''}; health and metrics on ${url})`;
    },
  },
];

export interface PlannedWorkers {
  /** Credentials the router must accept (generated for workers that have none configured). */
  credentials: { name: string; secret: string }[];
  /** Starts every planned worker against the running router; stops those already started if one fails. */
  start(routerUrl: string): Promise<{ lines: string[]; stop(): Promise<void> }>;
}

/**
 * Picks the configured workers and gives each a service credential: the one in SERVICE_CREDENTIALS
 * when there is one (the router already accepts it), otherwise a fresh random secret that only
 * this process knows, added to the router's credentials.
 */
export function planPlatformWorkers(source: Source, entries: PlatformWorkerEntry[] = PLATFORM_WORKERS): PlannedWorkers {
  const configured = source.SERVICE_CREDENTIALS ?? '';
  const planned = entries
    .filter((entry) => entry.configured(source))
    .map((entry) => {
      const existing = serviceSecretFrom(configured, entry.name);
      const secret = existing || randomBytes(32).toString('hex');
      entry.check(workerSourceFor(source, entry.name, secret, source.ROUTER_URL));
      return { entry, secret, generated: !existing };
    });
  return {
    credentials: planned.filter((p) => p.generated).map((p) => ({ name: p.entry.name, secret: p.secret })),
    async start(routerUrl) {
      const running: { name: string; worker: PlatformWorker }[] = [];
      const stop = async () => {
        await Promise.allSettled(running.map(({ worker }) => worker.stop()));
      };
      const lines: string[] = [];
      try {
        for (const { entry, secret } of planned) {
          const workerSource = workerSourceFor(source, entry.name, secret, routerUrl);
          const worker = await entry.create(workerSource);
          const started = await worker.start();
          running.push({ name: entry.name, worker });
          lines.push(`${entry.name.padEnd(13)} ${entry.describe(started, workerSource)}`);
        }
      } catch (error) {
        await stop();
        throw error;
      }
      return { lines, stop };
    },
  };
}

/** The variables one worker sees: the process's, with its own router URL and its one credential. */
function workerSourceFor(source: Source, name: string, secret: string, routerUrl: string | undefined): Source {
  return { ...source, ROUTER_URL: routerUrl, SERVICE_CREDENTIALS: `${name}:${secret}` };
}
