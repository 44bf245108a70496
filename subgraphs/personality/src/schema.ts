import type { PubSub } from '@miyu/events/event-types';
import { buildSubgraphSchema } from '@miyu/graphql/federation';
import { createBuilder } from './builder.ts';
import type { CompanionEvents } from './modules/companion/companion-events.ts';
import { defineCompanionTypes } from './modules/companion/companion.schema.ts';
import type { CompanionService } from './modules/companion/companion.service.ts';
import { defineCompanionSubscription } from './modules/companion/companion.subscription.ts';
import type { EmotionAnalyzer } from './modules/emotion/emotion-analyzer.ts';
import { defineEmotionTypes } from './modules/emotion/emotion.schema.ts';
import { definePersonaTypes } from './modules/persona/persona.schema.ts';

export function buildPersonalitySchema(services: {
  companion: CompanionService;
  analyzer: EmotionAnalyzer;
  maxAnalyzedChars: number;
  notify: CompanionEvents;
  pubsub: PubSub;
}) {
  const builder = createBuilder();
  builder.queryType({});
  builder.mutationType({});
  const emotionTypes = defineEmotionTypes(builder, services);
  const personaTypes = definePersonaTypes(builder);
  const companionTypes = defineCompanionTypes(builder, { ...emotionTypes, ...personaTypes }, services.companion, services.notify);
  defineCompanionSubscription(builder, companionTypes, { pubsub: services.pubsub });
  return buildSubgraphSchema(builder);
}
