import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import type { EventAdapters } from '@miyu/events/event-types';
import { withAccountDeletion } from '@miyu/events/revocation/with-account-deletion';
import type { AccountTable } from '@miyu/events/revocation/account-rows';
import { ProcessedEventEntity, QuestEventOutboxEntity } from '../events/quest-event.entity.ts';
import { QuestProgressEntity } from '../progress/quest-progress.entity.ts';
import { ActivityDayEntity, ProgressionEntity } from '../progression/progression.entity.ts';

/** Quest's tables that hold a person's rows: removed when their account is deleted. */
export const QUEST_ACCOUNT_TABLES: readonly AccountTable[] = [
  { entity: QuestProgressEntity },
  { entity: ProgressionEntity },
  { entity: ActivityDayEntity },
  { entity: ProcessedEventEntity },
  { entity: QuestEventOutboxEntity },
];

/** The quest subgraph taking part in deleteAccount: its consumer removes these tables' rows of the person. */
export const withQuestAccountDeletion = <L>(definition: SubgraphDefinition<L>, events: EventAdapters): SubgraphDefinition<L> =>
  withAccountDeletion(definition, { events, tables: QUEST_ACCOUNT_TABLES });
