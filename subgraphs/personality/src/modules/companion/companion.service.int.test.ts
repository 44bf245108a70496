import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalitySubgraph } from '../../app.ts';
import { ALICE, BOB, readUser } from '../../personality-test-support.ts';
import { createEmotionAnalyzer } from '../emotion/emotion-analyzer.ts';
import { MIYU_PERSONA } from '../persona/miyu-persona.ts';
import { CompanionStateEntity, ModeTransitionEntity } from './companion.entity.ts';
import { createCompanionService } from './companion.service.ts';
import { MAX_KEPT_TRANSITIONS } from './companion.store.ts';

describe('recordUserMessageEmotion (the hook for the message event processor)', () => {
  let subgraph: TestSubgraph;
  const clock = { now: Date.parse('2026-11-01T12:00:00Z') };
  const analyzer = createEmotionAnalyzer();
  const companion = createCompanionService({ moodHalfLifeMs: 6 * 3600_000, now: () => new Date(clock.now) });
  beforeAll(async () => {
    subgraph = await startTestSubgraph(
      createPersonalitySubgraph({
        moodHalfLifeMs: 6 * 3600_000,
        events: createMemoryEventAdapters(),
        now: () => new Date(clock.now),
      }),
    );
  });
  afterAll(() => subgraph?.close());
  const record = (userId: string, text: string) =>
    companion.recordUserMessageEmotion(subgraph.orm.em.fork(), userId, analyzer.analyze(text));

  it('moves the mood toward a sad message, keeps affinity and switches to SUPPORTIVE', async () => {
    const sad = analyzer.analyze('I feel so sad and lonely, I miss her terribly.');
    expect(sad.primary).toBe('SADNESS');
    const { state, transition } = await companion.recordUserMessageEmotion(subgraph.orm.em.fork(), ALICE, sad);
    expect(transition).toEqual({ from: 'CASUAL', to: 'SUPPORTIVE', reason: 'user seems sad' });
    expect(state.mode).toBe('SUPPORTIVE');
    expect(state.pleasure).toBeLessThan(MIYU_PERSONA.baselineMood.pleasure);
    expect(state.affinity).toBeGreaterThanOrEqual(50);
    expect(state.moodUpdatedAt.getTime()).toBe(clock.now);

    const stored = await subgraph.orm.em.fork().findOneOrFail(CompanionStateEntity, { userId: ALICE });
    expect(stored).toMatchObject({ mode: 'SUPPORTIVE', pleasure: state.pleasure, affinity: state.affinity });
    const { user } = await readUser(subgraph, subgraph.asUser(ALICE), ALICE, 'companion { mode transitions { from to reason } }');
    expect(user).toEqual({
      companion: { mode: 'SUPPORTIVE', transitions: [{ from: 'CASUAL', to: 'SUPPORTIVE', reason: 'user seems sad' }] },
    });
  });

  it('raises affinity for warm messages and hands SUPPORTIVE back to CASUAL when the user feels better', async () => {
    const before = await subgraph.orm.em.fork().findOneOrFail(CompanionStateEntity, { userId: ALICE });
    clock.now += 60_000;
    const { state, transition } = await record(ALICE, 'Thank you so much, I trust you and I feel wonderful now!');
    expect(state.affinity).toBeGreaterThan(before.affinity);
    expect(state.pleasure).toBeGreaterThan(before.pleasure);
    expect(transition).toMatchObject({ from: 'SUPPORTIVE', to: 'CASUAL' });
  });

  it('records nothing for a neutral message and leaves other users alone', async () => {
    const before = await subgraph.orm.em.fork().findOneOrFail(CompanionStateEntity, { userId: ALICE });
    const { state, transition } = await record(ALICE, 'The meeting is at three.');
    expect(transition).toBeNull();
    expect(state.affinity).toBe(before.affinity);
    expect(await subgraph.orm.em.fork().count(ModeTransitionEntity, { userId: ALICE })).toBe(2);
    expect(await subgraph.orm.em.fork().count(CompanionStateEntity, { userId: BOB })).toBe(0);
  });

  it(`keeps only the last ${MAX_KEPT_TRANSITIONS} transitions of a user`, async () => {
    // 105 alternating changes from CASUAL: the last one goes to PLAYFUL.
    for (let i = 0; i <= MAX_KEPT_TRANSITIONS + 4; i++)
      await companion.setMode(subgraph.orm.em.fork(), BOB, i % 2 === 0 ? 'PLAYFUL' : 'CASUAL');
    const em = subgraph.orm.em.fork();
    expect(await em.count(ModeTransitionEntity, { userId: BOB })).toBe(MAX_KEPT_TRANSITIONS);
    const newest = await em.find(ModeTransitionEntity, { userId: BOB }, { orderBy: { id: 'desc' }, limit: 1 });
    expect(newest[0]?.to).toBe('PLAYFUL');
  });
});
