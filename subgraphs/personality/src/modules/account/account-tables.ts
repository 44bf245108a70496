import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import type { EventAdapters } from '@miyu/events/event-types';
import { withAccountDeletion } from '@miyu/events/revocation/with-account-deletion';
import type { AccountTable } from '@miyu/events/revocation/account-rows';
import { CompanionStateEntity, ModeTransitionEntity } from '../companion/companion.entity.ts';
import { PersonalityEventOutboxEntity } from '../outbox/personality-event.entity.ts';
import { PersonaEntity } from '../persona/persona.entity.ts';

/** Personality's tables that hold a person's rows: removed when their account is deleted. */
export const PERSONALITY_ACCOUNT_TABLES: readonly AccountTable[] = [
  { entity: ModeTransitionEntity },
  { entity: CompanionStateEntity },
  { entity: PersonaEntity, column: 'owner_user_id' },
  { entity: PersonalityEventOutboxEntity },
];

/** The personality subgraph taking part in deleteAccount: its consumer removes these tables' rows of the person. */
export const withPersonalityAccountDeletion = <L>(
  definition: SubgraphDefinition<L>,
  events: EventAdapters,
): SubgraphDefinition<L> => withAccountDeletion(definition, { events, tables: PERSONALITY_ACCOUNT_TABLES });
