import { hasScope } from '@miyu/auth/principal';
import { abortableGenerator } from '@miyu/events/async-iterators';
import type { PubSub } from '@miyu/events/event-types';
import { errors } from '@miyu/platform/errors';
import type { Builder } from '../../builder.ts';
import type { Context } from '../../context.ts';
import type { QuestCatalog } from '../catalog/catalog.types.ts';
import { type QuestProgressedMessage, questTopic } from '../events/quest-consumer.ts';
import { findVisibleProgress } from './quest-progress.loader.ts';
import type { QuestProgressTypes } from './quest-progress.schema.ts';
import type { QuestProgressView } from './quest-progress.service.ts';
import { resolveQuestView } from './quest-rules.ts';

interface Deps {
  pubsub: PubSub;
  catalog: QuestCatalog;
  now: () => Date;
}

/** The subscriber's progress on each quest an event advanced, read fresh per notice. */
function questChanges(ctx: Context, deps: Deps): AsyncIterableIterator<QuestProgressView> {
  // checked here too: shield guards each event's resolve, this refuses the subscription itself
  if (!ctx.userId) throw errors.unauthenticated();
  if (!hasScope(ctx.principal, 'quests:read')) throw errors.forbidden('Not authorised.');
  const userId = ctx.userId;
  return abortableGenerator(async function* (signal) {
    for await (const notice of deps.pubsub.subscribe<QuestProgressedMessage>(questTopic(userId), signal)) {
      // one context lives as long as the subscription: forget rows read for earlier notices
      ctx.em.clear();
      const now = deps.now();
      const rows = await findVisibleProgress(ctx.em, [userId], now);
      for (const questId of notice.questIds) {
        const quest = deps.catalog.byId.get(questId);
        if (!quest) continue;
        const own = rows.filter((row) => row.questId === questId);
        yield { userId, quest, ...resolveQuestView(quest, own, now) };
      }
    }
  });
}

export function defineQuestProgressSubscription(builder: Builder, { QuestProgressRef }: QuestProgressTypes, deps: Deps) {
  builder.subscriptionType({});
  builder.subscriptionField('questProgressed', (t) =>
    t.field({
      type: QuestProgressRef,
      description: "The caller's progress on a quest, sent each time an event advances it.",
      subscribe: (_root, _args, ctx) => questChanges(ctx, deps),
      resolve: (view) => view,
    }),
  );
}
