import { encryptedColumns } from './encrypted-columns.ts';
import { migrations } from './migrations/index.ts';
import { CompanionStateEntity, ModeTransitionEntity } from './modules/companion/companion.entity.ts';
import { PersonalityEventOutboxEntity } from './modules/outbox/personality-event.entity.ts';
import { ProcessedEventEntity } from './modules/events/processed-event.entity.ts';
import { PersonaEntity } from './modules/persona/persona.entity.ts';

/** What the ORM and the migration generator need to know about this subgraph's tables. */
export const database = {
  entities: [CompanionStateEntity, ModeTransitionEntity, PersonaEntity, ProcessedEventEntity, PersonalityEventOutboxEntity],
  migrations,
  encrypted: encryptedColumns,
};
