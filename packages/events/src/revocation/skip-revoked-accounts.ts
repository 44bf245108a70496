import type { DomainEvent, EventLog } from '../event-types.ts';
import type { AccountRevocations } from './account-revocations.ts';

const isAccountEvent = (event: DomainEvent) => typeof event?.type === 'string' && event.type.startsWith('account.');

/**
 * The event log as every consumer should see it once an account is deleted: events about a
 * revoked account are acknowledged without running the handler (a `message.created` still queued,
 * or a `reply.completed` from a reply that finished just after the deletion, must not write the
 * person's rows back), except the `account.*` events that carry out and track the deletion.
 */
export function skipRevokedAccounts(eventLog: EventLog, revocations: AccountRevocations): EventLog {
  return {
    append: (event) => eventLog.append(event),
    consume: (group, handler, options) =>
      eventLog.consume(
        group,
        async (event) => {
          if (!isAccountEvent(event) && typeof event?.userId === 'string' && (await revocations.isRevoked(event.userId))) return;
          await handler(event);
        },
        options,
      ),
    ready: () => eventLog.ready(),
    close: () => eventLog.close(),
  };
}
