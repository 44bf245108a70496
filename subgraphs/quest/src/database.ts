import { migrations } from './migrations/index.ts';
import { ProcessedEventEntity, QuestEventOutboxEntity } from './modules/events/quest-event.entity.ts';
import { QuestProgressEntity } from './modules/progress/quest-progress.entity.ts';
import { ActivityDayEntity, ProgressionEntity } from './modules/progression/progression.entity.ts';

/** What the ORM and the migration generator need to know about this subgraph's tables. */
export const database = {
  entities: [QuestProgressEntity, ProgressionEntity, ActivityDayEntity, ProcessedEventEntity, QuestEventOutboxEntity],
  migrations,
};
