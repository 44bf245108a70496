import { describe, expect, it } from 'vitest';
import { fillCardMacros, toCharacterCardV3 } from './character-card-export.ts';
import { parseCharacterCard } from './character-card.ts';
import { MIYU_PERSONA } from './miyu-persona.ts';
import { NEUTRAL_TRAITS } from './persona-defaults.ts';

const v2Card = {
  spec: 'chara_card_v2',
  spec_version: '2.0',
  data: {
    name: 'Aiko',
    description: 'A cheerful barista from Osaka.',
    personality: 'Energetic, kind, a little clumsy.',
    scenario: 'You walk into her café on a rainy day.',
    first_mes: 'Welcome in, {{user}}! The usual?',
    mes_example: '<START>\n{{char}}: Extra foam, coming up!',
    creator_notes: 'Works best with short messages.',
    system_prompt: 'Stay in character as Aiko.',
    post_history_instructions: '',
    alternate_greetings: ['Oh! You again!'],
    tags: ['slice of life', 'café'],
    creator: 'someone',
    character_version: '1.2',
    extensions: { talkativeness: 0.6 },
  },
};

const v3Card = {
  spec: 'chara_card_v3',
  spec_version: '3.0',
  data: {
    ...v2Card.data,
    name: 'Kenji',
    nickname: 'Ken',
    group_only_greetings: ['Hey everyone.'],
    creator_notes_multilingual: { ja: '短いメッセージ向け' },
    source: ['https://example.org/kenji'],
    creation_date: 1_700_000_000,
    modification_date: 1_700_000_500,
    assets: [{ type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png' }],
  },
};

describe('parseCharacterCard', () => {
  it('parses a V2 card and maps its fields to a persona', () => {
    const result = parseCharacterCard(v2Card);
    if (!result.ok) throw new Error(result.issues.join('\n'));
    expect(result.spec).toBe('V2');
    expect(result.persona).toMatchObject({
      id: 'card-aiko',
      name: 'Aiko',
      description: 'A cheerful barista from Osaka.\n\nEnergetic, kind, a little clumsy.',
      greeting: 'Welcome in, {{user}}! The usual?',
      systemPrompt: 'Stay in character as Aiko.',
      tags: ['slice of life', 'café'],
      traits: NEUTRAL_TRAITS,
      baselineMood: { pleasure: 0, arousal: 0, dominance: 0 },
    });
    expect(result.persona.card?.scenario).toBe('You walk into her café on a rainy day.');
  });

  it('parses a V3 card, also from a JSON string, keeping the V3-only fields', () => {
    const result = parseCharacterCard(JSON.stringify(v3Card));
    if (!result.ok) throw new Error(result.issues.join('\n'));
    expect(result.spec).toBe('V3');
    expect(result.persona.name).toBe('Kenji');
    expect(result.persona.card?.nickname).toBe('Ken');
    expect(result.persona.card?.assets?.[0]?.uri).toBe('ccdefault:');
  });

  it('parses a flat V1 card and fills a greeting when first_mes is empty', () => {
    const result = parseCharacterCard({ name: '  Old Tom ', description: 'A lighthouse keeper.', first_mes: '' });
    if (!result.ok) throw new Error(result.issues.join('\n'));
    expect(result.spec).toBe('V1');
    expect(result.persona.name).toBe('Old Tom');
    expect(result.persona.greeting).toBe("Hi, I'm Old Tom.");
    expect(result.persona.systemPrompt).toBeUndefined();
  });

  it('reports a missing name clearly', () => {
    const { name: _, ...data } = v2Card.data;
    expect(parseCharacterCard({ ...v2Card, data })).toEqual({ ok: false, issues: ['data.name: required'] });
    expect(parseCharacterCard({ ...v2Card, data: { ...data, name: '   ' } })).toEqual({
      ok: false,
      issues: ['data.name: required'],
    });
  });

  it('reports every size and type problem with its path', () => {
    const result = parseCharacterCard({
      ...v3Card,
      data: {
        ...v3Card.data,
        name: 'x'.repeat(101),
        description: 'y'.repeat(10_001),
        tags: ['ok', 42],
        creation_date: -1,
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        'data.name: must be at most 100 characters',
        'data.description: must be at most 10000 characters',
        'data.tags[1]: must be a string',
        'data.creation_date: must not be negative',
      ]),
    );
  });

  it('rejects unknown specs, wrong versions and non-objects', () => {
    expect(parseCharacterCard({ spec: 'chara_card_v9', data: {} })).toMatchObject({ ok: false });
    const wrongVersion = parseCharacterCard({ ...v2Card, spec_version: '3.0' });
    expect(wrongVersion.ok ? [] : wrongVersion.issues).toEqual(['spec_version: must be a 2.x version such as "2.0"']);
    expect(parseCharacterCard({ spec: 'chara_card_v2', spec_version: '2.0' })).toEqual({
      ok: false,
      issues: ['data: required'],
    });
    expect(parseCharacterCard('{not json')).toEqual({ ok: false, issues: ['card: not valid JSON'] });
    expect(parseCharacterCard([1, 2])).toEqual({ ok: false, issues: ['card: must be a JSON object'] });
    expect(parseCharacterCard(null)).toEqual({ ok: false, issues: ['card: must be a JSON object'] });
  });
});

describe('toCharacterCardV3', () => {
  it('exports MIYU as a valid V3 card that imports back with her traits and mood', () => {
    const card = toCharacterCardV3(MIYU_PERSONA, { now: new Date('2026-01-01T00:00:00Z') });
    expect(card.spec).toBe('chara_card_v3');
    expect(card.data.first_mes).toBe(MIYU_PERSONA.greeting);
    expect(card.data.modification_date).toBe(1_767_225_600);
    const back = parseCharacterCard(JSON.parse(JSON.stringify(card)));
    if (!back.ok) throw new Error(back.issues.join('\n'));
    expect(back.persona.traits).toEqual(MIYU_PERSONA.traits);
    expect(back.persona.baselineMood).toEqual(MIYU_PERSONA.baselineMood);
    expect(back.persona.modeStyles).toEqual(MIYU_PERSONA.modeStyles);
    expect(back.warnings).toEqual([]);
  });

  it('gives an imported card its original fields back', () => {
    const imported = parseCharacterCard(v2Card);
    if (!imported.ok) throw new Error('fixture must parse');
    const card = toCharacterCardV3(imported.persona);
    expect(card.data.description).toBe(v2Card.data.description);
    expect(card.data.personality).toBe(v2Card.data.personality);
    expect(card.data.extensions.talkativeness).toBe(0.6);
    expect(card.data.creation_date).toBeUndefined();
  });
});

describe('fillCardMacros', () => {
  it('replaces {{char}} and {{user}}', () => {
    expect(fillCardMacros('Hi {{user}}, I am {{Char}}.', { char: 'Aiko', user: 'Sam' })).toBe('Hi Sam, I am Aiko.');
  });
});
