import type { DeadLetter, DeadLetterStore } from '../event-types.ts';
import type { RedisConnections } from './redis-connections.ts';

/** Refused events in a capped Redis stream (about the newest `max`, default 10,000). */
export function createRedisDeadLetters(connections: RedisConnections, key: string, max = 10_000): DeadLetterStore {
  return {
    async add(letter) {
      await connections.command.xadd(key, 'MAXLEN', '~', max, '*', 'letter', JSON.stringify(letter));
    },
    async list(limit = 100) {
      const entries = (await connections.command.xrevrange(key, '+', '-', 'COUNT', limit)) as [string, string[]][];
      return entries.map(([, fields]) => JSON.parse(fields[1] ?? '{}') as DeadLetter);
    },
  };
}
