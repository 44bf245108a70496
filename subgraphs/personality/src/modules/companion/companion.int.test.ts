import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalitySubgraph } from '../../app.ts';
import { ALICE, BOB, readUser, V2_CARD } from '../../personality-test-support.ts';
import { CompanionStateEntity } from './companion.entity.ts';

const HOUR = 3600_000;
const SET_MODE = `mutation($mode: CompanionMode!) { setMode(mode: $mode) { mode transitions { from to reason } } }`;
const IMPORT = `mutation($card: JSON!) { importCharacterCard(card: $card) { id name description greeting tags imported } }`;
const CHOOSE = `mutation($id: ID!) { choosePersona(personaId: $id) { persona { id name } mood { pleasure arousal dominance label } } }`;

type Persona = { id: string; name: string; greeting: string; imported: boolean; tags: string[] };

describe('personality subgraph: modes, personas and mood', () => {
  let subgraph: TestSubgraph;
  let clock = Date.parse('2026-11-01T12:00:00Z');
  const alice = () => subgraph.asUser(ALICE);
  const bob = () => subgraph.asUser(BOB);
  beforeAll(async () => {
    subgraph = await startTestSubgraph(
      createPersonalitySubgraph({ moodHalfLifeMs: 6 * HOUR, events: createMemoryEventAdapters(), now: () => new Date(clock) }),
    );
  });
  afterAll(() => subgraph?.close());

  it('records one transition per real mode change; transitions(last: 1) is the newest', async () => {
    const first = await subgraph.request(alice(), SET_MODE, { mode: 'PLAYFUL' });
    expect(first.data).toEqual({
      setMode: { mode: 'PLAYFUL', transitions: [{ from: 'CASUAL', to: 'PLAYFUL', reason: 'requested by user' }] },
    });
    const same = await subgraph.request<{ setMode: { transitions: unknown[] } }>(alice(), SET_MODE, { mode: 'PLAYFUL' });
    expect(same.data?.setMode.transitions).toHaveLength(1);
    await subgraph.request(alice(), SET_MODE, { mode: 'FOCUSED' });
    const { user } = await readUser(
      subgraph,
      alice(),
      ALICE,
      'companion { mode all: transitions { to } newest: transitions(last: 1) { from to } }',
    );
    expect(user).toEqual({
      companion: { mode: 'FOCUSED', all: [{ to: 'PLAYFUL' }, { to: 'FOCUSED' }], newest: [{ from: 'PLAYFUL', to: 'FOCUSED' }] },
    });
    // Bob's companion is untouched by Alice's changes.
    expect((await readUser(subgraph, bob(), BOB, 'companion { mode transitions { to } }')).user).toEqual({
      companion: { mode: 'CASUAL', transitions: [] },
    });
  });

  it('validates transitions(last:)', async () => {
    for (const last of [-1, 101]) {
      const { response } = await readUser(subgraph, alice(), ALICE, `companion { transitions(last: ${last}) { to } }`);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('imports a V2 card privately and chooses it; others cannot see or choose it', async () => {
    const imported = await subgraph.request<{ importCharacterCard: Persona }>(alice(), IMPORT, { card: V2_CARD });
    expect(imported.errors).toBeUndefined();
    const persona = imported.data?.importCharacterCard;
    expect(persona).toMatchObject({
      name: 'Captain Vela',
      greeting: 'Welcome aboard, you. I am Captain Vela.',
      tags: ['sci-fi'],
      imported: true,
    });
    expect(persona?.id).toMatch(/^card-captain-vela-[0-9a-f]{12}$/);
    const id = persona?.id ?? '';

    const chosen = await subgraph.request(alice(), CHOOSE, { id });
    expect(chosen.data).toEqual({
      choosePersona: { persona: { id, name: 'Captain Vela' }, mood: { pleasure: 0, arousal: 0, dominance: 0, label: 'NEUTRAL' } },
    });
    const alicePersonas = await subgraph.request<{ personas: { id: string }[] }>(alice(), '{ personas { id } }');
    expect(alicePersonas.data?.personas.map((p) => p.id)).toEqual(['miyu', 'ren', id]);

    const bobChooses = await subgraph.request(bob(), CHOOSE, { id });
    expect(bobChooses.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bobPersonas = await subgraph.request<{ personas: { id: string }[] }>(bob(), '{ personas { id } }');
    expect(bobPersonas.data?.personas.map((p) => p.id)).toEqual(['miyu', 'ren']);
    expect((await readUser(subgraph, bob(), BOB, 'companion { persona { id } }')).user).toEqual({
      companion: { persona: { id: 'miyu' } },
    });
    expect((await subgraph.request(alice(), CHOOSE, { id: 'no-such-persona' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // Back to a seeded persona: her baseline mood, and no transition recorded for the switch.
    const ren = await subgraph.request<{ choosePersona: { persona: { id: string } } }>(alice(), CHOOSE, { id: 'ren' });
    expect(ren.data?.choosePersona.persona.id).toBe('ren');
    const { user } = await readUser(subgraph, alice(), ALICE, 'companion { transitions { to } }');
    expect(user).toEqual({ companion: { transitions: [{ to: 'PLAYFUL' }, { to: 'FOCUSED' }] } });
  });

  it('rejects invalid cards with BAD_USER_INPUT naming the problems', async () => {
    const bad = await subgraph.request(alice(), IMPORT, { card: { spec: 'chara_card_v2', data: { name: '' } } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/data\.name: required/);
    const wrongSpec = await subgraph.request(alice(), IMPORT, { card: { spec: 'chara_card_v9' } });
    expect(wrongSpec.errors?.[0]?.message).toMatch(/spec: must be/);
  });

  it('decays the stored mood toward the persona baseline at read time (6 h half-life)', async () => {
    await subgraph.request(bob(), CHOOSE, { id: 'miyu' });
    const em = subgraph.orm.em.fork();
    await em.nativeUpdate(
      CompanionStateEntity,
      { userId: BOB },
      { pleasure: -0.7, arousal: 0.5, dominance: -0.3, moodUpdatedAt: new Date(clock) },
    );
    const moodNow = await readUser(subgraph, bob(), BOB, 'companion { mood { pleasure label updatedAt } }');
    expect(moodNow.user).toEqual({
      companion: { mood: { pleasure: -0.7, label: 'FEAR', updatedAt: new Date(clock).toISOString() } },
    });
    clock += 6 * HOUR;
    const later = await readUser<{ companion: { mood: { pleasure: number; arousal: number; dominance: number } } }>(
      subgraph,
      bob(),
      BOB,
      'companion { mood { pleasure arousal dominance } }',
    );
    // Half-way from (-0.7, 0.5, -0.3) to MIYU's baseline (0.3, 0.1, 0.1).
    expect(later.user?.companion.mood.pleasure).toBeCloseTo(-0.2, 6);
    expect(later.user?.companion.mood.arousal).toBeCloseTo(0.3, 6);
    expect(later.user?.companion.mood.dominance).toBeCloseTo(-0.1, 6);
  });

  it('reads the companion with persona and transitions in a constant number of queries', async () => {
    const query = 'companion { persona { name } mood { label } transitions { to } }';
    const countFor = async (userId: string) => {
      subgraph.queryCounter.reset();
      const { response } = await readUser(subgraph, subgraph.asUser(userId), userId, query);
      expect(response.errors).toBeUndefined();
      return subgraph.queryCounter.count;
    };
    const few = '00000000-0000-4000-8000-0000000000f1';
    const many = '00000000-0000-4000-8000-0000000000f2';
    for (const [userId, modes] of [
      [few, ['PLAYFUL', 'CASUAL']],
      [many, ['PLAYFUL', 'CASUAL', 'FOCUSED', 'REFLECTIVE', 'SUPPORTIVE', 'CASUAL']],
    ] as const) {
      for (const mode of modes) await subgraph.request(subgraph.asUser(userId), SET_MODE, { mode });
      const card = await subgraph.request<{ importCharacterCard: { id: string } }>(subgraph.asUser(userId), IMPORT, {
        card: V2_CARD,
      });
      await subgraph.request(subgraph.asUser(userId), CHOOSE, { id: card.data?.importCharacterCard.id });
    }
    const fewCount = await countFor(few);
    expect(fewCount).toBe(await countFor(many));
    expect(fewCount).toBeLessThanOrEqual(3);
  });
});
