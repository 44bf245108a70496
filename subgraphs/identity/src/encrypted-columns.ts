import type { EncryptedEntity } from '@miyu/db/encryption/encrypted-fields';

/**
 * What this subgraph seals at rest: a person's handle on Telegram or X. The platform's own id
 * (`external_id`) stays clear: sign-in looks the person up by it.
 */
export const encryptedColumns: EncryptedEntity[] = [
  {
    entity: 'PlatformIdentity',
    table: 'platform_identities',
    idColumn: 'id',
    owner: { property: 'userId', column: 'user_id' },
    fields: [{ property: 'username', column: 'username' }],
  },
];
