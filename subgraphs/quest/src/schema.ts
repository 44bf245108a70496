import type { PubSub } from '@miyu/events/event-types';
import { buildSubgraphSchema } from '@miyu/graphql/federation';
import { createBuilder } from './builder.ts';
import type { QuestCatalog } from './modules/catalog/catalog.types.ts';
import { defineCatalogTypes } from './modules/catalog/catalog.schema.ts';
import { defineQuestProgressTypes } from './modules/progress/quest-progress.schema.ts';
import type { QuestProgressService } from './modules/progress/quest-progress.service.ts';
import { defineQuestProgressSubscription } from './modules/progress/quest-progress.subscription.ts';
import { defineProgressionTypes } from './modules/progression/progression.schema.ts';
import { defineUserRef } from './modules/user/user.schema.ts';

export function buildQuestSchema(deps: {
  catalog: QuestCatalog;
  progress: QuestProgressService;
  now: () => Date;
  pubsub: PubSub;
}) {
  const builder = createBuilder();
  builder.queryType({});
  builder.mutationType({});
  const UserRef = defineUserRef(builder);
  const catalogTypes = defineCatalogTypes(builder, deps.catalog);
  const progressTypes = defineQuestProgressTypes(
    builder,
    { ...catalogTypes, UserRef },
    { catalog: deps.catalog, service: deps.progress, now: deps.now },
  );
  defineQuestProgressSubscription(builder, progressTypes, { pubsub: deps.pubsub, catalog: deps.catalog, now: deps.now });
  defineProgressionTypes(builder, UserRef);
  return buildSubgraphSchema(builder);
}
