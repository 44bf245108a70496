import type { z } from 'zod';
import { NEUTRAL_PAD } from '../mood/mood.types.ts';
import { cardV1Schema, cardV2Schema, cardV3Schema, miyuExtensionSchema } from './character-card-schemas.ts';
import { DEFAULT_MODE_STYLES, NEUTRAL_TRAITS } from './persona-defaults.ts';
import type { CharacterCardFields, PersonaDefinition } from './persona.types.ts';

export type CardSpec = 'V1' | 'V2' | 'V3';

export type CharacterCardResult =
  | {
      readonly ok: true;
      readonly spec: CardSpec;
      readonly persona: PersonaDefinition;
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly issues: readonly string[] };

/** Largest card accepted as a JSON string, before parsing. */
export const MAX_CARD_JSON_CHARS = 1_000_000;
const MAX_ISSUES = 20;

const fail = (...issues: string[]): CharacterCardResult => ({ ok: false, issues });

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? 'card' : out;
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

/** A stable, URL-safe id; the caller should still make it unique per user before storing. */
export function personaIdFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  // The prefix keeps an imported "MIYU" card from colliding with the seeded persona's id.
  return `card-${slug === '' ? 'persona' : slug}`;
}

function toPersona(card: CharacterCardFields, warnings: string[]): PersonaDefinition {
  const ext = miyuExtensionSchema.safeParse(card.extensions.miyu ?? {});
  if (!ext.success) warnings.push('data.extensions.miyu: ignored, not a valid MIYU extension');
  const miyu = ext.success ? ext.data : {};
  const greeting = card.first_mes.trim() || card.alternate_greetings[0]?.trim() || `Hi, I'm ${card.name}.`;
  const systemPrompt = card.system_prompt.trim();
  return {
    id: personaIdFor(card.name),
    name: card.name,
    description: [card.description.trim(), card.personality.trim()].filter((s) => s !== '').join('\n\n'),
    greeting,
    traits: miyu.traits ?? NEUTRAL_TRAITS,
    baselineMood: miyu.baselineMood ?? NEUTRAL_PAD,
    modeStyles: miyu.modeStyles ?? DEFAULT_MODE_STYLES,
    tags: card.tags,
    ...(systemPrompt === '' ? {} : { systemPrompt }),
    card,
  };
}

function parseObject(input: Record<string, unknown>): CharacterCardResult {
  const warnings: string[] = [];
  if (!('spec' in input)) {
    const v1 = cardV1Schema.safeParse(input);
    if (!v1.success) return fail(...issuesOf(v1.error));
    const card: CharacterCardFields = {
      ...v1.data,
      creator_notes: '',
      system_prompt: '',
      post_history_instructions: '',
      alternate_greetings: [],
      tags: [],
      creator: '',
      character_version: '',
      extensions: {},
    };
    return { ok: true, spec: 'V1', persona: toPersona(card, warnings), warnings };
  }
  if (input.spec === 'chara_card_v2') {
    const v2 = cardV2Schema.safeParse(input);
    if (!v2.success) return fail(...issuesOf(v2.error));
    return { ok: true, spec: 'V2', persona: toPersona(v2.data.data, warnings), warnings };
  }
  if (input.spec === 'chara_card_v3') {
    const v3 = cardV3Schema.safeParse(input);
    if (!v3.success) return fail(...issuesOf(v3.error));
    return { ok: true, spec: 'V3', persona: toPersona(v3.data.data, warnings), warnings };
  }
  return fail('spec: must be "chara_card_v2" or "chara_card_v3" (or absent for a V1 card)');
}

/**
 * Validates a Character Card (V1 flat, V2 or V3; given as an object or a JSON string) and maps it
 * to a persona. Never throws: every problem comes back as a readable issue such as
 * "data.name: required". PNG-embedded cards must be extracted by the caller first.
 */
export function parseCharacterCard(json: unknown): CharacterCardResult {
  let input = json;
  if (typeof input === 'string') {
    if (input.length > MAX_CARD_JSON_CHARS) return fail(`card: must be at most ${MAX_CARD_JSON_CHARS} characters of JSON`);
    try {
      input = JSON.parse(input);
    } catch {
      return fail('card: not valid JSON');
    }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail('card: must be a JSON object');
  return parseObject(input as Record<string, unknown>);
}
