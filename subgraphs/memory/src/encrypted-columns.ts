import type { EncryptedEntity } from '@miyu/db/encryption/encrypted-fields';

/**
 * What this subgraph seals at rest so far: conversation summaries (raw upserts seal through
 * sealColumn). Memories' content is not sealed yet: its dedup key, slot and lexical terms are
 * derived from the plaintext and must become keyed hashes first (README, encryption at rest).
 */
export const encryptedColumns: EncryptedEntity[] = [
  {
    entity: 'ConversationSummary',
    table: 'conversation_summaries',
    idColumn: 'conversation_id',
    owner: { property: 'userId', column: 'user_id' },
    fields: [{ property: 'summary', column: 'summary' }],
  },
];
