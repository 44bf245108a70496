import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import type { EventAdapters } from '@miyu/events/event-types';
import { withAccountDeletion } from '@miyu/events/revocation/with-account-deletion';
import type { AccountTable } from '@miyu/events/revocation/account-rows';
import { MemoryTermEntity } from '../lexical/memory-term.entity.ts';
import { MemoryEntity } from '../memory/memory.entity.ts';
import { MemoryEventOutboxEntity } from '../outbox/memory-event.entity.ts';
import { ForgottenFactEntity } from '../provenance/forgotten-fact.entity.ts';
import { MemorySourceEntity } from '../provenance/memory-source.entity.ts';
import { ConversationSummaryEntity } from '../summary/conversation-summary.entity.ts';

/** Memory's tables that hold a person's rows (memories, with their history, last). */
export const MEMORY_ACCOUNT_TABLES: readonly AccountTable[] = [
  { entity: MemoryTermEntity },
  { entity: MemorySourceEntity },
  { entity: ForgottenFactEntity },
  { entity: ConversationSummaryEntity },
  { entity: MemoryEventOutboxEntity },
  { entity: MemoryEntity },
];

/** The memory subgraph taking part in deleteAccount: its consumer removes these tables' rows of the person. */
export const withMemoryAccountDeletion = <L>(definition: SubgraphDefinition<L>, events: EventAdapters): SubgraphDefinition<L> =>
  withAccountDeletion(definition, { events, tables: MEMORY_ACCOUNT_TABLES });
