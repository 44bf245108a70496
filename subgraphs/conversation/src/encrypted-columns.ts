import type { EncryptedEntity } from '@miyu/db/encryption/encrypted-fields';

/**
 * What this subgraph seals at rest: what people wrote and what MIYU answered, and the outbox
 * rows that carry the same text until the relay publishes them (published events are in flight,
 * not at rest: the event log is the transport's to protect).
 */
export const encryptedColumns: EncryptedEntity[] = [
  {
    entity: 'Message',
    table: 'messages',
    idColumn: 'id',
    owner: { property: 'userId', column: 'user_id' },
    fields: [
      { property: 'content', column: 'content' },
      { property: 'formatted', column: 'formatted', json: true },
    ],
  },
  {
    entity: 'OutboxEvent',
    table: 'outbox_events',
    idColumn: 'id',
    owner: { property: 'userId', column: 'user_id' },
    fields: [{ property: 'payload', column: 'payload', json: true }],
  },
];
