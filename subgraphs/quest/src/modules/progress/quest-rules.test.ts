import { describe, expect, it } from 'vitest';
import { loadQuestCatalog } from '../catalog/catalog.types.ts';
import { QUEST_CATALOG } from '../catalog/quest-catalog.ts';
import type { QuestProgressRow } from './quest-progress.entity.ts';
import { applyEvent, emptyCounts, isComplete, periodKeyFor, resolveQuestView } from './quest-rules.ts';

const catalog = loadQuestCatalog(QUEST_CATALOG);
const quest = (id: string) => catalog.byId.get(id) ?? expect.unreachable(`no quest ${id}`);
const now = new Date('2026-11-23T10:00:00Z');
const row = (questId: string, periodKey: string, status: QuestProgressRow['status']): QuestProgressRow => ({
  id: `${questId}-${periodKey}`,
  userId: 'u',
  questId,
  periodKey,
  status,
  objectives: {},
  acceptedAt: now,
  completedAt: null,
  claimedAt: null,
});

describe('applyEvent', () => {
  it('counts matching events up to the target and ignores others', () => {
    const deepTalk = quest('deep-talk');
    let counts = emptyCounts(deepTalk);
    expect(applyEvent(deepTalk, counts, 'memory.created', 0)).toEqual({ counts, changed: false });
    for (let i = 0; i < 12; i++) counts = applyEvent(deepTalk, counts, 'message.sent', 0).counts;
    expect(counts).toEqual({ 'send-messages': 10 });
    expect(isComplete(deepTalk, counts)).toBe(true);
    expect(applyEvent(deepTalk, counts, 'message.sent', 0).changed).toBe(false);
  });

  it('follows the streak for streak objectives and keeps them once done', () => {
    const week = quest('week-together');
    expect(applyEvent(week, { streak: 2 }, 'message.sent', 3)).toEqual({ counts: { streak: 3 }, changed: true });
    expect(applyEvent(week, { streak: 3 }, 'message.sent', 1).counts).toEqual({ streak: 1 });
    expect(applyEvent(week, { streak: 6 }, 'message.sent', 9).counts).toEqual({ streak: 7 });
    expect(applyEvent(week, { streak: 7 }, 'message.sent', 1).changed).toBe(false);
  });
});

describe('daily reset and expiry', () => {
  it('uses the UTC day as period for daily quests and one period for long-running ones', () => {
    expect(periodKeyFor(quest('say-hello'), new Date('2026-11-23T23:30:00-02:00'))).toBe('2026-11-24');
    expect(periodKeyFor(quest('first-steps'), now)).toBe('all');
  });

  it('resolves the status a user sees', () => {
    const hello = quest('say-hello');
    expect(resolveQuestView(hello, [], now).status).toBe('AVAILABLE');
    expect(resolveQuestView(hello, [row('say-hello', '2026-11-23', 'ACTIVE')], now).status).toBe('ACTIVE');
    expect(resolveQuestView(hello, [row('say-hello', '2026-11-22', 'ACTIVE')], now).status).toBe('EXPIRED');
    expect(resolveQuestView(hello, [row('say-hello', '2026-11-22', 'CLAIMED')], now).status).toBe('AVAILABLE');
    expect(resolveQuestView(hello, [row('say-hello', '2026-11-22', 'COMPLETED')], now).status).toBe('COMPLETED');
    const newDay = [row('say-hello', '2026-11-22', 'ACTIVE'), row('say-hello', '2026-11-23', 'ACTIVE')];
    expect(resolveQuestView(hello, newDay, now).row?.periodKey).toBe('2026-11-23');
    expect(resolveQuestView(quest('first-steps'), [row('first-steps', 'all', 'CLAIMED')], now).status).toBe('CLAIMED');
  });
});
