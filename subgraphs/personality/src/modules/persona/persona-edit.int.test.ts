import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { type TestSubgraph, startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalitySubgraph } from '../../app.ts';
import { ALICE, BOB, readUser, V2_CARD } from '../../personality-test-support.ts';

const FIELDS = 'id name description greeting systemPrompt tags imported characterCard';
const CREATE = `mutation($input: PersonaInput!) { createPersona(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: PersonaInput!) { updatePersona(id: $id, input: $input) { ${FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deletePersona(id: $id) }';

interface PersonaRow {
  id: string;
  name: string;
  description: string;
  greeting: string;
  systemPrompt: string | null;
  tags: string[];
  imported: boolean;
  characterCard: { spec: string; data: Record<string, unknown> };
}

describe('personality subgraph: creating, editing and deleting your own personas', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(
      createPersonalitySubgraph({ moodHalfLifeMs: 6 * 3600_000, events: createMemoryEventAdapters() }),
    );
  });
  afterAll(() => subgraph?.close());

  const alice = () => subgraph.asUser(ALICE);
  const input = { name: 'Juniper', description: 'A calm gardener.', greeting: 'Hello {{user}}, I am {{char}}.', tags: ['calm'] };

  it('creates one, edits it keeping the rest of its card, and deletes it (back to MIYU)', async () => {
    const created = await subgraph.request<{ createPersona: PersonaRow }>(alice(), CREATE, { input });
    expect(created.errors).toBeUndefined();
    const persona = created.data!.createPersona;
    expect(persona).toMatchObject({ name: 'Juniper', greeting: 'Hello you, I am Juniper.', tags: ['calm'], imported: true });
    expect(persona.characterCard.spec).toBe('chara_card_v3');

    const imported = await subgraph.request<{ importCharacterCard: { id: string } }>(
      alice(),
      'mutation($card: JSON!) { importCharacterCard(card: $card) { id } }',
      { card: V2_CARD },
    );
    const vela = imported.data!.importCharacterCard.id;
    const edited = await subgraph.request<{ updatePersona: PersonaRow }>(alice(), UPDATE, {
      id: vela,
      input: { name: 'Admiral Vela', description: 'Promoted.', greeting: 'At ease, {{user}}.', systemPrompt: 'Be brief.' },
    });
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updatePersona).toMatchObject({
      id: vela,
      name: 'Admiral Vela',
      description: 'Promoted.',
      greeting: 'At ease, you.',
      systemPrompt: 'Be brief.',
    });
    // Fields the form does not show survive the edit.
    expect(edited.data!.updatePersona.characterCard.data.scenario).toBe(V2_CARD.data.scenario);

    await subgraph.request(alice(), 'mutation($id: ID!) { choosePersona(personaId: $id) { persona { id } } }', { id: vela });
    const deleted = await subgraph.request<{ deletePersona: boolean }>(alice(), DELETE, { id: vela });
    expect(deleted.data?.deletePersona).toBe(true);
    const { user } = await readUser<{ companion: { persona: { id: string } } }>(
      subgraph,
      alice(),
      ALICE,
      'companion { persona { id } }',
    );
    expect(user?.companion.persona.id).toBe('miyu');
    const list = await subgraph.request<{ personas: { id: string }[] }>(alice(), '{ personas { id } }');
    expect(list.data!.personas.map((p) => p.id)).toEqual(['miyu', 'ren', persona.id]);
  });

  it('refuses seeded personas, other users\u2019 personas and an empty name', async () => {
    const mine = (await subgraph.request<{ createPersona: PersonaRow }>(alice(), CREATE, { input })).data!.createPersona;
    for (const id of ['miyu', mine.id]) {
      const asBob = await subgraph.request(subgraph.asUser(BOB), UPDATE, { id, input });
      expect(asBob.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const deleteAsBob = await subgraph.request(subgraph.asUser(BOB), DELETE, { id });
      expect(deleteAsBob.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const empty = await subgraph.request(alice(), CREATE, { input: { ...input, name: '  ' } });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(empty.errors?.[0]?.message).toMatch(/name/);
    const anonymous = await subgraph.request({ kind: 'anonymous' }, CREATE, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });
});
