import { encryptedColumns } from './encrypted-columns.ts';
import { migrations } from './migrations/index.ts';
import {
  AccountDeletionEntity,
  AccountDeletionStepEntity,
  IdentityEventOutboxEntity,
} from './modules/account/account-deletion.entity.ts';
import { accountMigrations } from './modules/account/account-migration.ts';
import { ApiKeyEntity } from './modules/api-key/api-key.entity.ts';
import { SigningKeyEntity } from './modules/signing-key/signing-key.entity.ts';
import { PlatformIdentityEntity, UserEntity } from './modules/user/user.entity.ts';

/** What the ORM and the migration generator need to know about this subgraph's tables. */
export const database = {
  entities: [
    UserEntity,
    PlatformIdentityEntity,
    ApiKeyEntity,
    SigningKeyEntity,
    AccountDeletionEntity,
    AccountDeletionStepEntity,
    IdentityEventOutboxEntity,
  ],
  migrations: [...migrations, ...accountMigrations],
  encrypted: encryptedColumns,
};
