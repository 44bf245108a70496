import { encryptedColumns } from './encrypted-columns.ts';
import { migrations } from './migrations/index.ts';
import { MemoryTermEntity } from './modules/lexical/memory-term.entity.ts';
import { ProcessedEventEntity } from './modules/events/processed-event.entity.ts';
import { MemoryEntity } from './modules/memory/memory.entity.ts';
import { MemoryEventOutboxEntity } from './modules/outbox/memory-event.entity.ts';
import { ForgottenFactEntity } from './modules/provenance/forgotten-fact.entity.ts';
import { MemorySourceEntity } from './modules/provenance/memory-source.entity.ts';
import { ConversationSummaryEntity } from './modules/summary/conversation-summary.entity.ts';

/** What the ORM and the migration generator need to know about this subgraph's tables. */
export const database = {
  entities: [
    MemoryEntity,
    ConversationSummaryEntity,
    ProcessedEventEntity,
    MemoryTermEntity,
    MemoryEventOutboxEntity,
    MemorySourceEntity,
    ForgottenFactEntity,
  ],
  migrations,
  encrypted: encryptedColumns,
};
