import type { EncryptedEntity } from '@miyu/db/encryption/encrypted-fields';

/**
 * What this subgraph seals at rest: a person's handle on Telegram or X, and the display name (a
 * platform sign-in copies the handle into it). The platform's own id (`external_id`) and the
 * e-mail address stay clear: sign-in looks the person up by them.
 */
export const encryptedColumns: EncryptedEntity[] = [
  {
    entity: 'User',
    table: 'users',
    idColumn: 'id',
    owner: { property: 'id', column: 'id' },
    fields: [{ property: 'displayName', column: 'display_name' }],
  },
  {
    entity: 'PlatformIdentity',
    table: 'platform_identities',
    idColumn: 'id',
    owner: { property: 'userId', column: 'user_id' },
    fields: [{ property: 'username', column: 'username' }],
  },
];
