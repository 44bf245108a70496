import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from '@miyu/platform/logger';
import { sleep } from '../async-iterators.ts';
import type { Consumer, DomainEvent } from '../event-types.ts';
import { connectionName, type RedisConnections } from './redis-connections.ts';

type StreamEntry = [id: string, fields: string[] | null];

export interface RedisEventConsumerOptions {
  connections: RedisConnections;
  key: string;
  group: string;
  handler: (event: DomainEvent) => Promise<void>;
  retryDelayMs: number;
  logger: Logger;
}

/**
 * One member of a consumer group. New entries come from XREADGROUP on a dedicated connection;
 * entries left pending longer than retryDelayMs (a rejected handler here, or a consumer that
 * crashed anywhere) are taken over with XAUTOCLAIM. While a handler runs, the entries this
 * consumer holds are re-claimed by itself now and then (XCLAIM … JUSTID resets their idle
 * time), so a slow handler is not mistaken for a crashed one and its event handled twice.
 */
export async function startRedisEventConsumer(options: RedisEventConsumerOptions): Promise<Consumer> {
  const { connections, key, group, handler, retryDelayMs } = options;
  const { command } = connections;
  const name = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const logger = options.logger.child({ group, consumer: name });
  await createGroup(command, key, group);

  const reader = connections.open(connectionName('consumer', group, name));
  const stopping = new AbortController();
  const held = new Set<string>();
  const pollMs = Math.min(Math.max(Math.floor(retryDelayMs / 2), 20), 2_000);
  const heartbeat = setInterval(
    () => {
      if (held.size === 0) return;
      command
        .call('XCLAIM', key, group, name, 0, ...held, 'JUSTID')
        .catch((error: unknown) => logger.warn({ err: error }, 'could not extend pending events'));
    },
    Math.max(Math.floor(retryDelayMs / 3), 10),
  );

  async function handleBatch(entries: StreamEntry[]) {
    for (const [id] of entries) held.add(id);
    for (const [id, fields] of entries) {
      if (stopping.signal.aborted) break; // the rest stay pending and are reclaimed elsewhere
      const event = parseEvent(fields, logger, id);
      try {
        if (event) await handler(event);
        await command.xack(key, group, id);
      } catch (error) {
        logger.warn({ err: error, eventId: event?.id, type: event?.type }, 'event handler failed; will retry');
      } finally {
        held.delete(id);
      }
    }
    held.clear();
  }

  async function run() {
    let claimCursor = '0-0';
    let lastClaimAt = 0;
    let failures = 0;
    while (!stopping.signal.aborted) {
      try {
        if (Date.now() - lastClaimAt >= pollMs) {
          lastClaimAt = Date.now();
          const [next, claimed] = (await command.xautoclaim(key, group, name, retryDelayMs, claimCursor, 'COUNT', 10)) as [
            string,
            StreamEntry[],
          ];
          claimCursor = next;
          await handleBatch(claimed);
        }
        const reply = (await reader.xreadgroup('GROUP', group, name, 'COUNT', 10, 'BLOCK', pollMs, 'STREAMS', key, '>')) as
          | [string, StreamEntry[]][]
          | null;
        for (const [, entries] of reply ?? []) await handleBatch(entries);
        failures = 0;
      } catch (error) {
        if (stopping.signal.aborted) break;
        failures += 1;
        logger.warn({ err: error }, 'event log read failed');
        // The stream or group vanished (FLUSHALL, DEL): recreate rather than fail forever.
        if (String(error).includes('NOGROUP')) await createGroup(command, key, group).catch(() => undefined);
        await sleep(Math.min(50 * 2 ** failures, 2_000), stopping.signal);
      }
    }
  }

  const running = run();
  return {
    async stop() {
      if (stopping.signal.aborted) return running;
      stopping.abort();
      connections.release(reader); // interrupts the blocking read
      await running;
      clearInterval(heartbeat);
      await forgetConsumerIfIdle(command, key, group, name).catch(() => undefined);
    },
  };
}

async function createGroup(command: RedisConnections['command'], key: string, group: string) {
  try {
    // `$`: a new group starts at the end of the log and does not replay history.
    await command.xgroup('CREATE', key, group, '$', 'MKSTREAM');
  } catch (error) {
    if (!String(error).includes('BUSYGROUP')) throw error;
  }
}

/** Consumers are named per process; drop ours unless it still owns pending entries. */
async function forgetConsumerIfIdle(command: RedisConnections['command'], key: string, group: string, name: string) {
  const pending = (await command.call('XPENDING', key, group, '-', '+', 1, name)) as unknown[];
  if (pending.length === 0) await command.xgroup('DELCONSUMER', key, group, name);
}

function parseEvent(fields: string[] | null, logger: Logger, id: string): DomainEvent | undefined {
  const index = fields?.indexOf('event') ?? -1;
  const raw = index >= 0 ? fields?.[index + 1] : undefined;
  try {
    if (raw !== undefined) return JSON.parse(raw) as DomainEvent;
  } catch {
    // fall through: a malformed entry is acknowledged, or it would be retried forever
  }
  logger.error({ entryId: id }, 'malformed event log entry; skipped');
  return undefined;
}
