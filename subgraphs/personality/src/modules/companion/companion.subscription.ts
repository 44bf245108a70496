import { abortableGenerator } from '@miyu/events/async-iterators';
import type { PubSub } from '@miyu/events/event-types';
import { hasScope } from '@miyu/auth/principal';
import { errors } from '@miyu/platform/errors';
import type { Builder } from '../../builder.ts';
import type { Context } from '../../context.ts';
import type { CompanionStateRow } from './companion.entity.ts';
import type { CompanionTypes } from './companion.schema.ts';
import { type CompanionChangedMessage, companionTopic } from './companion-events.ts';

interface Deps {
  pubsub: PubSub;
}

/**
 * The subscriber's state, reloaded after every change notice. One context lives as long as the
 * subscription, so its identity map and DataLoaders are cleared per event (else they'd replay the
 * first event's rows).
 */
function companionChanges(ctx: Context, deps: Deps): AsyncIterableIterator<CompanionStateRow> {
  // checked here too: shield guards each event's resolve, this refuses the subscription itself
  if (!ctx.userId) throw errors.unauthenticated();
  if (!hasScope(ctx.principal, 'companion:read')) throw errors.forbidden('Not authorised.');
  const userId = ctx.userId;
  return abortableGenerator(async function* (signal) {
    for await (const _notice of deps.pubsub.subscribe<CompanionChangedMessage>(companionTopic(userId), signal)) {
      ctx.em.clear();
      for (const loader of Object.values(ctx.loaders)) loader.clearAll();
      yield await ctx.loaders.companionByUser.load(userId);
    }
  });
}

export function defineCompanionSubscription(builder: Builder, { CompanionStateRef }: CompanionTypes, deps: Deps) {
  builder.subscriptionType({});
  builder.subscriptionField('companionChanged', (t) =>
    t.field({
      type: CompanionStateRef,
      description: "The caller's companion state, sent after each change: a message's mood, mode, persona or a reward.",
      subscribe: (_root, _args, ctx) => companionChanges(ctx, deps),
      resolve: (state) => state,
    }),
  );
}
