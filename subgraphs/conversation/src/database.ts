import { encryptedColumns } from './encrypted-columns.ts';
import { migrations } from './migrations/index.ts';
import { ConversationEntity } from './modules/conversation/conversation.entity.ts';
import { MessageEntity } from './modules/message/message.entity.ts';
import { OutboxEventEntity } from './modules/outbox/outbox.entity.ts';

/** What the ORM and the migration generator need to know about this subgraph's tables. */
export const database = {
  entities: [ConversationEntity, MessageEntity, OutboxEventEntity],
  migrations,
  encrypted: encryptedColumns,
};
