import { z } from 'zod';

/** Events the quest service understands; `streak.day` is derived from activity days, not counted. */
export const QUEST_EVENTS = ['message.sent', 'memory.created', 'mode.changed', 'conversation.started', 'streak.day'] as const;
export type QuestEventType = (typeof QUEST_EVENTS)[number];

export const QUEST_KINDS = ['daily', 'long-running'] as const;
export type QuestKind = (typeof QUEST_KINDS)[number];

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case kebab-case slug')
  .max(64);

const objectiveSchema = z.object({
  id: slug,
  description: z.string().min(1).max(200),
  event: z.enum(QUEST_EVENTS),
  count: z.number().int().positive().max(10_000),
});

const questSchema = z
  .object({
    id: slug,
    title: z.string().min(1).max(80),
    description: z.string().min(1).max(300),
    kind: z.enum(QUEST_KINDS),
    objectives: z.array(objectiveSchema).min(1).max(10),
    reward: z.object({
      xp: z.number().int().min(0).max(100_000),
      /** Nudge to the companion's affinity, consumed by the personality subgraph. */
      affinity: z.number().min(0).max(1),
      badge: slug.optional(),
    }),
  })
  .refine((quest) => new Set(quest.objectives.map((o) => o.id)).size === quest.objectives.length, {
    message: 'objective ids must be unique within a quest',
    path: ['objectives'],
  });

export const questCatalogSchema = z
  .array(questSchema)
  .min(1)
  .refine((quests) => new Set(quests.map((q) => q.id)).size === quests.length, { message: 'quest ids must be unique' });

export type QuestDefinition = z.infer<typeof questSchema>;
export type QuestObjectiveDefinition = QuestDefinition['objectives'][number];
export type QuestReward = QuestDefinition['reward'];

/** The validated catalog with an index by id. */
export interface QuestCatalog {
  quests: readonly QuestDefinition[];
  byId: ReadonlyMap<string, QuestDefinition>;
}

/** Validates a catalog (at startup); a malformed one throws with every problem listed. */
export function loadQuestCatalog(raw: unknown): QuestCatalog {
  const result = questCatalogSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'catalog'}: ${issue.message}`);
    throw new Error(`Invalid quest catalog:\n  ${problems.join('\n  ')}`);
  }
  const quests = result.data;
  return { quests, byId: new Map(quests.map((quest) => [quest.id, quest])) };
}
