import type { EventAdapters } from '@miyu/events/event-types';
import { createOutboxRelay } from '@miyu/events/outbox/outbox-relay';
import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import type { Loaders } from './context.ts';
import { database } from './database.ts';
import { createCompanionEvents } from './modules/companion/companion-events.ts';
import { createCompanionLoaders } from './modules/companion/companion.loader.ts';
import { createCompanionService } from './modules/companion/companion.service.ts';
import { createEmotionAnalyzer } from './modules/emotion/emotion-analyzer.ts';
import { startPersonalityConsumer } from './modules/events/personality-consumer.ts';
import { PersonalityEventOutboxEntity } from './modules/outbox/personality-event.entity.ts';
import { createPersonaLoaders } from './modules/persona/persona.loader.ts';
import { personalityPermissions } from './permissions.ts';
import { buildPersonalitySchema } from './schema.ts';

/** Longest text `analyzeEmotion` accepts, and so the most the analyzer ever reads. */
export const MAX_ANALYZED_CHARS = 10_000;

export interface PersonalityOptions {
  /** Time for the mood to relax half-way back to the persona's baseline. */
  moodHalfLifeMs: number;
  /** The event log (consumer group `personality`) and the pub/sub behind `companionChanged`. */
  events: EventAdapters;
  /** Injected so tests can move time. */
  now?: () => Date;
}

export function createPersonalitySubgraph(options: PersonalityOptions): SubgraphDefinition<Loaders> {
  const now = options.now ?? (() => new Date());
  return {
    name: 'personality',
    ...database,
    async setup({ orm, logger }) {
      const companion = createCompanionService({ moodHalfLifeMs: options.moodHalfLifeMs, now });
      const analyzer = createEmotionAnalyzer({ maxChars: MAX_ANALYZED_CHARS });
      const em = () => orm.em.fork();
      const relay = createOutboxRelay({
        em,
        entity: PersonalityEventOutboxEntity,
        userIdOf: (row) => row.userId,
        eventLog: options.events.eventLog,
        logger: logger.child({ component: 'outbox' }),
        // a commit nudges it; the poll only catches what a stopped process left
        intervalMs: 1_000,
      });
      relay.start();
      const notify = createCompanionEvents(options.events, logger, () => relay.nudge());
      const consumer = await startPersonalityConsumer({
        eventLog: options.events.eventLog,
        deadLetters: options.events.deadLetters,
        em,
        companion,
        analyzer,
        notify,
        logger,
      });
      return {
        schema: buildPersonalitySchema({
          companion,
          analyzer,
          maxAnalyzedChars: MAX_ANALYZED_CHARS,
          notify,
          pubsub: options.events.pubsub,
        }),
        permissions: personalityPermissions(),
        createLoaders: (em) => ({ ...createCompanionLoaders(em, now), ...createPersonaLoaders(em) }),
        async close() {
          await consumer.stop();
          await relay.stop();
        },
      };
    },
  };
}
