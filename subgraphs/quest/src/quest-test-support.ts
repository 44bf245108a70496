import type { Principal } from '@miyu/auth/principal';
import type { TestSubgraph } from '@miyu/testing/subgraph-harness';
import { loadQuestCatalog } from './modules/catalog/catalog.types.ts';
import { QUEST_CATALOG } from './modules/catalog/quest-catalog.ts';
import { createEventRecorder } from './modules/events/record-event.ts';

export const USER_VIEW = `query($r: [_Any!]!, $status: QuestStatus) { _entities(representations: $r) { ... on User { id
  quests(status: $status) { quest { id kind repeatable } status objectives { objective { id target } current done } completedAt claimedAt }
  progression { level xp xpToNextLevel streakDays badges } } } }`;

export interface QuestView {
  quest: { id: string; kind: string; repeatable: boolean };
  status: string;
  objectives: { objective: { id: string; target: number }; current: number; done: boolean }[];
  completedAt: string | null;
  claimedAt: string | null;
}
export interface UserView {
  id: string;
  quests: QuestView[];
  progression: { level: number; xp: number; xpToNextLevel: number; streakDays: number; badges: string[] };
}

/** Test-side access to a running quest subgraph, acting as one user. */
export function questClient(harness: TestSubgraph, userId: string, principal: Principal = harness.asUser(userId)) {
  const recorder = createEventRecorder(loadQuestCatalog(QUEST_CATALOG));
  let seq = 0;
  return {
    userId,
    principal,
    async view(status?: string) {
      const response = await harness.request<{ _entities: (UserView | null)[] }>(principal, USER_VIEW, {
        r: [{ __typename: 'User', id: userId }],
        status,
      });
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data?._entities[0] ?? null;
    },
    async quest(questId: string) {
      return (await this.view())?.quests.find((view) => view.quest.id === questId);
    },
    accept: (questId: string) =>
      harness.request<{ acceptQuest: QuestView }>(
        principal,
        `mutation($q: ID!) { acceptQuest(questId: $q) { quest { id } status objectives { current } } }`,
        { q: questId },
      ),
    claim: (questId: string) =>
      harness.request<{ claimQuestReward: QuestView }>(
        principal,
        `mutation($q: ID!) { claimQuestReward(questId: $q) { quest { id } status claimedAt } }`,
        { q: questId },
      ),
    record: (type: string, options: { id?: string; at?: Date } = {}) =>
      recorder.recordEvent(harness.orm.em.fork(), userId, {
        id: options.id ?? `${userId}-${type}-${++seq}`,
        type,
        at: options.at ?? new Date(),
      }),
  };
}
