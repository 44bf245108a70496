import type { EntityManager } from '@mikro-orm/core';
import { errors } from '@miyu/platform/errors';
import { toCharacterCardV3 } from './character-card-export.ts';
import { parseCharacterCard } from './character-card.ts';
import { PersonaEntity } from './persona.entity.ts';
import { importCharacterCard, type PersonaView, viewOfRow } from './persona.service.ts';
import type { PersonaDefinition } from './persona.types.ts';

/** The fields a person writes when creating or editing a persona of their own. */
export interface PersonaFields {
  readonly name: string;
  readonly description: string;
  readonly greeting: string;
  readonly systemPrompt?: string | null;
  readonly tags?: readonly string[] | null;
}

/** The card data fields these persona fields set (the rest of a card is kept as it was). */
function cardFieldsOf(fields: PersonaFields) {
  return {
    name: fields.name.trim(),
    description: fields.description.trim(),
    personality: '',
    first_mes: fields.greeting.trim(),
    system_prompt: fields.systemPrompt?.trim() ?? '',
    tags: [...(fields.tags ?? [])].map((tag) => tag.trim()).filter((tag) => tag !== ''),
  };
}

/**
 * Creates a persona private to `userId` from a few fields: it is written as a Character Card V3
 * and imported, so a created persona follows the same checks and limits as an imported one.
 */
export function createPersona(em: EntityManager, userId: string, fields: PersonaFields): Promise<PersonaView> {
  const card = { spec: 'chara_card_v3', spec_version: '3.0', data: { ...cardFieldsOf(fields), mes_example: '', scenario: '' } };
  return importCharacterCard(em, userId, card);
}

async function ownRow(em: EntityManager, userId: string, personaId: string) {
  // Seeded personas have no row, so they read as not found: nobody may edit or delete them.
  const row = personaId.length <= 80 ? await em.findOne(PersonaEntity, { id: personaId, ownerUserId: userId }) : null;
  if (!row) throw errors.notFound('Persona');
  return row;
}

/** Edits one of the caller's own personas; the rest of its card (traits, mode styles, extras) stays. */
export async function updatePersona(
  em: EntityManager,
  userId: string,
  personaId: string,
  fields: PersonaFields,
): Promise<PersonaView> {
  const row = await ownRow(em, userId, personaId);
  const current = viewOfRow(row).definition;
  const exported = toCharacterCardV3(current);
  const parsed = parseCharacterCard({ ...exported, data: { ...exported.data, ...cardFieldsOf(fields) } });
  if (!parsed.ok) throw errors.badInput(`Invalid persona: ${parsed.issues.join('; ')}.`, { issues: parsed.issues });
  const definition: PersonaDefinition = { ...parsed.persona, id: row.id };
  row.name = definition.name;
  row.description = definition.description;
  row.greeting = definition.greeting;
  row.definition = definition;
  await em.flush();
  return viewOfRow(row);
}

/** Deletes one of the caller's own personas; a companion that used it reads as MIYU from then on. */
export async function deletePersona(em: EntityManager, userId: string, personaId: string): Promise<boolean> {
  const row = await ownRow(em, userId, personaId);
  em.remove(row);
  await em.flush();
  return true;
}
