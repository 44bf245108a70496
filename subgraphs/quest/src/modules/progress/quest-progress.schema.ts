import { requireUser } from '@miyu/graphql/require-user';
import { validate } from '@miyu/graphql/validate';
import { z } from 'zod';
import type { Builder } from '../../builder.ts';
import type { QuestCatalog, QuestObjectiveDefinition } from '../catalog/catalog.types.ts';
import type { CatalogTypes } from '../catalog/catalog.schema.ts';
import type { UserRef } from '../user/user.schema.ts';
import type { QuestProgressService, QuestProgressView } from './quest-progress.service.ts';
import { type QuestStatus, resolveQuestView } from './quest-rules.ts';

const STATUSES = ['AVAILABLE', 'ACTIVE', 'COMPLETED', 'CLAIMED', 'EXPIRED'] as const;
const questIdArgs = z.object({ questId: z.string().min(1).max(64) });

interface Deps {
  catalog: QuestCatalog;
  service: QuestProgressService;
  now: () => Date;
}

export function defineQuestProgressTypes(builder: Builder, types: CatalogTypes & { UserRef: UserRef }, deps: Deps) {
  const QuestStatusEnum = builder.enumType('QuestStatus', { values: STATUSES });
  const ObjectiveProgressRef = builder
    .objectRef<{ objective: QuestObjectiveDefinition; current: number }>('ObjectiveProgress')
    .implement({
      fields: (t) => ({
        objective: t.field({ type: types.QuestObjectiveRef, resolve: (progress) => progress.objective }),
        current: t.exposeInt('current'),
        done: t.boolean({ resolve: (progress) => progress.current >= progress.objective.count }),
      }),
    });
  const QuestProgressRef = builder.objectRef<QuestProgressView>('QuestProgress').implement({
    fields: (t) => ({
      quest: t.field({ type: types.QuestRef, resolve: (view) => view.quest }),
      status: t.field({ type: QuestStatusEnum, resolve: (view) => view.status }),
      objectives: t.field({
        type: [ObjectiveProgressRef],
        resolve: (view) =>
          view.quest.objectives.map((objective) => ({ objective, current: view.row?.objectives[objective.id] ?? 0 })),
      }),
      completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (view) => view.row?.completedAt ?? null }),
      acceptedAt: t.field({ type: 'DateTime', nullable: true, resolve: (view) => view.row?.acceptedAt ?? null }),
      claimedAt: t.field({ type: 'DateTime', nullable: true, resolve: (view) => view.row?.claimedAt ?? null }),
    }),
  });

  builder.objectField(types.UserRef, 'quests', (t) =>
    t.field({
      type: [QuestProgressRef],
      description: 'Every catalog quest with its status for this user, optionally only one status.',
      args: { status: t.arg({ type: QuestStatusEnum, required: false }) },
      resolve: async (user, args, ctx) => {
        const rows = await ctx.loaders.questRowsByUser.load(user.id);
        const now = deps.now();
        const views = deps.catalog.quests.map((quest) => ({
          userId: user.id,
          quest,
          ...resolveQuestView(
            quest,
            rows.filter((row) => row.questId === quest.id),
            now,
          ),
        }));
        return args.status ? views.filter((view) => view.status === (args.status as QuestStatus)) : views;
      },
    }),
  );

  builder.mutationFields((t) => ({
    acceptQuest: t.field({
      type: QuestProgressRef,
      args: { questId: t.arg.id({ required: true }) },
      resolve: (_root, args, ctx) => deps.service.accept(ctx.em, requireUser(ctx.userId), validate(questIdArgs, args).questId),
    }),
    claimQuestReward: t.field({
      type: QuestProgressRef,
      args: { questId: t.arg.id({ required: true }) },
      resolve: (_root, args, ctx) => deps.service.claim(ctx.em, requireUser(ctx.userId), validate(questIdArgs, args).questId),
    }),
  }));
  return { QuestProgressRef };
}

export type QuestProgressTypes = ReturnType<typeof defineQuestProgressTypes>;
