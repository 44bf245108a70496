import type { Logger } from './logger.ts';

export type Closer = () => Promise<void> | void;

/**
 * Collects closers (servers, pools, ORMs) and runs them in reverse order of registration, so
 * servers stop taking traffic before the things they depend on go away.
 */
export function createShutdown(logger: Logger, timeoutMs = 10_000) {
  const closers: { name: string; close: Closer }[] = [];
  let closing: Promise<void> | undefined;

  async function closeAll(): Promise<void> {
    for (const { name, close } of [...closers].reverse()) {
      try {
        await close();
      } catch (error) {
        logger.error({ err: error, closer: name }, 'shutdown step failed');
      }
    }
  }

  return {
    add(name: string, close: Closer): void {
      closers.push({ name, close });
    },
    close(): Promise<void> {
      closing ??= Promise.race([closeAll(), new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())]);
      return closing;
    },
    /** Installs SIGTERM/SIGINT handlers that drain and exit. */
    installSignalHandlers(): void {
      const onSignal = (signal: string) => {
        logger.info({ signal }, 'shutting down');
        void this.close().then(() => process.exit(0));
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    },
  };
}

export type Shutdown = ReturnType<typeof createShutdown>;
