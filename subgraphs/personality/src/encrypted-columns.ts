import type { EncryptedEntity } from '@miyu/db/encryption/encrypted-fields';

/**
 * What this subgraph seals at rest: the Character Card text a person imported (name,
 * description, greeting and the card's definition). The seeded personas live in code.
 */
export const encryptedColumns: EncryptedEntity[] = [
  {
    entity: 'Persona',
    table: 'personas',
    idColumn: 'id',
    owner: { property: 'ownerUserId', column: 'owner_user_id' },
    fields: [
      { property: 'name', column: 'name' },
      { property: 'description', column: 'description' },
      { property: 'greeting', column: 'greeting' },
      { property: 'definition', column: 'definition', json: true },
    ],
  },
];
