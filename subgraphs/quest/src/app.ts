import type { EventAdapters } from '@miyu/events/event-types';
import { createOutboxRelay } from '@miyu/events/outbox/outbox-relay';
import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import type { Loaders } from './context.ts';
import { database } from './database.ts';
import { loadQuestCatalog } from './modules/catalog/catalog.types.ts';
import { QUEST_CATALOG } from './modules/catalog/quest-catalog.ts';
import { startQuestConsumer } from './modules/events/quest-consumer.ts';
import { QuestEventOutboxEntity } from './modules/events/quest-event.entity.ts';
import { createEventRecorder } from './modules/events/record-event.ts';
import { createQuestProgressLoaders } from './modules/progress/quest-progress.loader.ts';
import { createQuestProgressService } from './modules/progress/quest-progress.service.ts';
import { createProgressionLoaders } from './modules/progression/progression.loader.ts';
import { questPermissions } from './permissions.ts';
import { buildQuestSchema } from './schema.ts';

export interface QuestSubgraphOptions {
  /** The event log (consumer group `quest`, outbox relay) and the pub/sub behind `questProgressed`. */
  events: EventAdapters;
  /** The declarative catalog; validated on start (a malformed one stops the service). */
  catalog?: unknown;
  /** The clock that decides the current UTC day (tests pin it). */
  now?: () => Date;
  /** How often the outbox (`quest.reward_claimed`, ...) is relayed to the event log (default 1 s). */
  outboxIntervalMs?: number;
}

export function createQuestSubgraph(options: QuestSubgraphOptions): SubgraphDefinition<Loaders> {
  const now = options.now ?? (() => new Date());
  return {
    name: 'quest',
    ...database,
    async setup({ orm, logger }) {
      const catalog = loadQuestCatalog(options.catalog ?? QUEST_CATALOG);
      const em = () => orm.em.fork();
      const relay = createOutboxRelay({
        em,
        entity: QuestEventOutboxEntity,
        userIdOf: (row) => row.userId,
        eventLog: options.events.eventLog,
        logger: logger.child({ component: 'outbox' }),
        intervalMs: options.outboxIntervalMs ?? 1_000,
      });
      relay.start();
      const service = createQuestProgressService(catalog, now);
      // a claimed reward reaches personality without waiting for the next relay pass
      const progress = {
        ...service,
        claim: (...args: Parameters<typeof service.claim>) => service.claim(...args).finally(() => relay.nudge()),
      };
      const consumer = await startQuestConsumer({ events: options.events, em, recorder: createEventRecorder(catalog), logger });
      return {
        schema: buildQuestSchema({ catalog, progress, now, pubsub: options.events.pubsub }),
        permissions: questPermissions(),
        createLoaders: (em) => ({ ...createQuestProgressLoaders(em, now), ...createProgressionLoaders(em, now) }),
        async close() {
          await consumer.stop();
          await relay.stop();
        },
      };
    },
  };
}
