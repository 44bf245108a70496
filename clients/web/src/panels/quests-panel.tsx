import {
  WebAcceptQuestDocument,
  WebClaimQuestDocument,
  WebQuestProgressedDocument,
  WebQuestsDocument,
  type WebQuestProgressFragment,
  type WebQuestsQuery,
} from '@miyu/sdk/gql/graphql';
import { useEffect, useState } from 'preact/hooks';
import { describeError, type WebApi } from '../api/web-api.ts';

type Progression = NonNullable<WebQuestsQuery['me']>['progression'];
const ORDER = ['COMPLETED', 'ACTIVE', 'AVAILABLE', 'CLAIMED', 'EXPIRED'];
const STATUS_NAME: Record<string, string> = {
  COMPLETED: 'Completed, claim your reward',
  ACTIVE: 'Active',
  AVAILABLE: 'Available',
  CLAIMED: 'Claimed',
  EXPIRED: 'Expired',
};

/** Quests with progress, accept and claim; level, XP, streak and badges; live via questProgressed. */
export function QuestsPanel({ api }: { api: WebApi }) {
  const [quests, setQuests] = useState<WebQuestProgressFragment[]>([]);
  const [progression, setProgression] = useState<Progression | undefined>();
  const [celebration, setCelebration] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = async () => {
    const me = (await api.request(WebQuestsDocument, {})).me;
    if (!me) return;
    setQuests(me.quests);
    setProgression(me.progression);
  };
  const upsert = (progress: WebQuestProgressFragment) =>
    setQuests((list) => list.map((item) => (item.quest.id === progress.quest.id ? progress : item)));

  useEffect(() => {
    load().catch((failure) => setError(describeError(failure)));
    const controller = new AbortController();
    void (async () => {
      try {
        for await (const data of api.subscribe(WebQuestProgressedDocument, {})) {
          if (controller.signal.aborted) break;
          upsert(data.questProgressed);
          if (data.questProgressed.status === 'COMPLETED') setCelebration(`Quest complete: ${data.questProgressed.quest.title}!`);
        }
      } catch {
        // the panel still works without live updates; a reload catches up
      }
    })();
    return () => controller.abort();
  }, [api]);

  const act = async (questId: string, claim: boolean) => {
    setError(undefined);
    try {
      const progress = claim
        ? (await api.request(WebClaimQuestDocument, { questId })).claimQuestReward
        : (await api.request(WebAcceptQuestDocument, { questId })).acceptQuest;
      upsert(progress);
      if (claim) {
        setCelebration(`+${progress.quest.reward.xp} XP: ${progress.quest.title}`);
        await load();
      }
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const sorted = [...quests].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  return (
    <section class="panel" aria-labelledby="quests-title">
      <header class="panel-head">
        <h2 id="quests-title">Quests</h2>
      </header>
      {progression ? (
        <div class="progression">
          <p class="level">Level {progression.level}</p>
          <progress max={progression.xp + progression.xpToNextLevel} value={progression.xp} aria-label="XP to the next level" />
          <p class="meta">
            {progression.xp} XP · {progression.xpToNextLevel} XP to the next level · {progression.streakDays}-day streak
          </p>
          {progression.badges.length ? (
            <ul class="badges" aria-label="Badges">
              {progression.badges.map((badge) => (
                <li key={badge} class="tag">
                  {badge}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {celebration ? (
        <p class="celebration" role="status">
          <span aria-hidden="true">🎉</span> {celebration}
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <ul class="cards">
        {sorted.map((item) => (
          <li key={item.quest.id} class={`card quest ${item.status.toLowerCase()}`}>
            <h3>{item.quest.title}</h3>
            <p>{item.quest.description}</p>
            <p class="meta">
              <span class="tag">{STATUS_NAME[item.status] ?? item.status}</span> {item.quest.kind === 'DAILY' ? 'daily · ' : ''}
              {item.quest.reward.xp} XP{item.quest.reward.badge ? ` · badge “${item.quest.reward.badge}”` : ''}
            </p>
            {item.objectives.map((objective) => (
              <div key={objective.objective.id} class="objective">
                <span>
                  {objective.objective.description} ({Math.min(objective.current, objective.objective.target)}/
                  {objective.objective.target})
                </span>
                <progress
                  max={objective.objective.target}
                  value={objective.current}
                  aria-label={objective.objective.description}
                />
              </div>
            ))}
            {item.status === 'AVAILABLE' ? (
              <button type="button" onClick={() => void act(item.quest.id, false)} aria-label={`Accept ${item.quest.title}`}>
                Accept
              </button>
            ) : null}
            {item.status === 'COMPLETED' ? (
              <button type="button" onClick={() => void act(item.quest.id, true)} aria-label={`Claim ${item.quest.title}`}>
                Claim reward
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
