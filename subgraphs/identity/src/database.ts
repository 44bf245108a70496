import { encryptedColumns } from './encrypted-columns.ts';
import { migrations } from './migrations/index.ts';
import { ApiKeyEntity } from './modules/api-key/api-key.entity.ts';
import { SigningKeyEntity } from './modules/signing-key/signing-key.entity.ts';
import { PlatformIdentityEntity, UserEntity } from './modules/user/user.entity.ts';

/** What the ORM and the migration generator need to know about this subgraph's tables. */
export const database = {
  entities: [UserEntity, PlatformIdentityEntity, ApiKeyEntity, SigningKeyEntity],
  migrations,
  encrypted: encryptedColumns,
};
