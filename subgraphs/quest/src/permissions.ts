import { createRules } from '@miyu/graphql/rules';
import type { IRules } from 'graphql-shield';

export function questPermissions(): IRules {
  const { allow, and, ownsParent, userWith, federationQuery, federationTypes } = createRules();
  const ownsUser = ownsParent((user: { id: string }) => user.id);
  const owned = ownsParent((parent: { userId: string }) => parent.userId);
  // shield rejects two rule instances with one name, so each scope rule is built once
  const readScope = userWith('quests:read');
  const canRead = and(readScope, ownsUser);
  const canWrite = userWith('quests:write');
  return {
    Query: { ...federationQuery, questCatalog: allow },
    Mutation: { acceptQuest: canWrite, claimQuestReward: canWrite },
    // keyed by the token's user; each QuestProgress is checked again by `owned`
    Subscription: { questProgressed: readScope },
    ...federationTypes,
    User: { id: ownsUser, quests: canRead, progression: canRead },
    // the catalog is public
    Quest: allow,
    QuestObjective: allow,
    QuestReward: allow,
    QuestProgress: owned,
    // only reachable through QuestProgress, whose rule already checked ownership
    ObjectiveProgress: allow,
    Progression: owned,
  };
}
