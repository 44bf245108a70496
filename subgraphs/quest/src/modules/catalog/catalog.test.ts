import { describe, expect, it } from 'vitest';
import { loadQuestCatalog } from './catalog.types.ts';
import { QUEST_CATALOG } from './quest-catalog.ts';

describe('quest catalog', () => {
  it('validates the shipped catalog: daily and long-running quests with rewards', () => {
    const catalog = loadQuestCatalog(QUEST_CATALOG);
    expect(catalog.quests.length).toBeGreaterThanOrEqual(6);
    expect(new Set(catalog.quests.map((quest) => quest.kind))).toEqual(new Set(['daily', 'long-running']));
    expect(catalog.byId.get('week-together')?.reward.badge).toBe('devoted');
    expect(catalog.byId.get('first-steps')?.reward.badge).toBe('newcomer');
  });

  it('rejects a malformed catalog, listing every problem', () => {
    const [first] = QUEST_CATALOG;
    const broken = [
      first,
      { ...first, title: '' },
      {
        id: 'Bad Id',
        title: 'x',
        description: 'x',
        kind: 'weekly',
        objectives: [{ id: 'o', description: 'o', event: 'dance', count: 0 }],
        reward: { xp: -1, affinity: 0 },
      },
    ];
    expect(() => loadQuestCatalog(broken)).toThrow(
      /1\.title.*\n.*2\.id.*[\s\S]*2\.kind[\s\S]*2\.objectives\.0\.event[\s\S]*2\.objectives\.0\.count[\s\S]*2\.reward\.xp/,
    );
    expect(() => loadQuestCatalog([first, first])).toThrow(/quest ids must be unique/);
    const twin = { ...first, objectives: [...(first?.objectives ?? []), ...(first?.objectives ?? [])] };
    expect(() => loadQuestCatalog([twin])).toThrow(/objective ids must be unique/);
    expect(() => loadQuestCatalog([])).toThrow(/Invalid quest catalog/);
  });
});

describe('quest subgraph startup', () => {
  it('refuses to start with a malformed catalog', async () => {
    const { createQuestSubgraph } = await import('../../app.ts');
    const { createMemoryEventAdapters } = await import('@miyu/events/memory/create-memory-adapters');
    const definition = createQuestSubgraph({
      events: createMemoryEventAdapters(),
      catalog: [
        { id: 'x', title: 'No objectives', description: 'x', kind: 'daily', objectives: [], reward: { xp: 1, affinity: 0 } },
      ],
    });
    await expect(definition.setup({} as never)).rejects.toThrow(/Invalid quest catalog:\n {2}0\.objectives/);
  });
});
