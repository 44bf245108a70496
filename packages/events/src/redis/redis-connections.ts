import type { Logger } from '@miyu/platform/logger';
import { Redis } from 'ioredis';

export interface RedisConnections {
  /** Shared connection for non-blocking commands. */
  command: Redis;
  /**
   * A dedicated connection, for a blocking read or subscriber mode (either would stall every
   * other command queued behind it on a shared one). Named so operators (and tests) can find it
   * in CLIENT LIST.
   */
  open(name: string): Redis;
  /** Disconnects at once: a blocking command in flight is rejected rather than waited for. */
  release(connection: Redis): void;
  closeAll(): Promise<void>;
}

/** Connection names may not contain spaces; keep them readable and bounded. */
export function connectionName(...parts: string[]): string {
  return parts.join(':').replace(/\s+/g, '_').slice(0, 200);
}

export function createRedisConnections(url: string, namePrefix: string, logger: Logger): RedisConnections {
  const dedicated = new Set<Redis>();

  function connect(name: string, blocking: boolean): Redis {
    const connection = new Redis(url, {
      connectionName: connectionName(namePrefix, name),
      // A blocking read must wait out a reconnect instead of failing after 20 retries.
      maxRetriesPerRequest: blocking ? null : 20,
    });
    connection.on('error', (error: Error) => logger.warn({ err: error, connection: name }, 'redis connection error'));
    return connection;
  }

  const command = connect('cmd', false);

  return {
    command,
    open(name) {
      const connection = connect(name, true);
      dedicated.add(connection);
      return connection;
    },
    release(connection) {
      dedicated.delete(connection);
      connection.disconnect();
    },
    async closeAll() {
      for (const connection of dedicated) connection.disconnect();
      dedicated.clear();
      await command.quit().catch(() => command.disconnect());
    },
  };
}
