import type { Builder } from '../../builder.ts';
import type { QuestCatalog, QuestDefinition, QuestObjectiveDefinition, QuestReward } from './catalog.types.ts';

export function defineCatalogTypes(builder: Builder, catalog: QuestCatalog) {
  const QuestKindEnum = builder.enumType('QuestKind', {
    values: { DAILY: { value: 'daily' }, LONG_RUNNING: { value: 'long-running' } } as const,
  });
  const QuestObjectiveRef = builder.objectRef<QuestObjectiveDefinition>('QuestObjective').implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      description: t.exposeString('description'),
      target: t.int({ resolve: (objective) => objective.count }),
      event: t.exposeString('event', { description: 'The event type that advances this objective.' }),
    }),
  });
  const QuestRewardRef = builder.objectRef<QuestReward>('QuestReward').implement({
    fields: (t) => ({
      xp: t.exposeInt('xp'),
      affinity: t.exposeFloat('affinity'),
      badge: t.string({ nullable: true, resolve: (reward) => reward.badge ?? null }),
    }),
  });
  const QuestRef = builder.objectRef<QuestDefinition>('Quest').implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      title: t.exposeString('title'),
      description: t.exposeString('description'),
      objectives: t.field({ type: [QuestObjectiveRef], resolve: (quest) => quest.objectives }),
      reward: t.field({ type: QuestRewardRef, resolve: (quest) => quest.reward }),
      kind: t.field({ type: QuestKindEnum, resolve: (quest) => quest.kind }),
      repeatable: t.boolean({
        description: 'Daily quests can be accepted again each UTC day; long-running ones once.',
        resolve: (quest) => quest.kind === 'daily',
      }),
    }),
  });
  // The catalog is public and in memory: references need neither ownership checks nor queries.
  builder.asEntity(QuestRef, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: (ref) => catalog.byId.get(ref.id) ?? null,
  });

  builder.queryField('questCatalog', (t) => t.field({ type: [QuestRef], resolve: () => [...catalog.quests] }));

  return { QuestRef, QuestObjectiveRef };
}

export type CatalogTypes = ReturnType<typeof defineCatalogTypes>;
