import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { errors } from '@miyu/platform/errors';
import { parseCharacterCard } from './character-card.ts';
import { PersonaEntity, type PersonaRow } from './persona.entity.ts';
import type { PersonaDefinition } from './persona.types.ts';
import { MIYU_PERSONA, SEEDED_PERSONAS, findSeededPersona } from './miyu-persona.ts';

/** A persona as the API serves it: seeded ones have no owner, imported ones belong to one user. */
export interface PersonaView {
  readonly definition: PersonaDefinition;
  readonly ownerUserId: string | null;
}

/** Imported personas a user may keep; each is a full card, so the table must not grow unbounded. */
export const MAX_IMPORTED_PERSONAS = 100;

export const DEFAULT_PERSONA: PersonaView = { definition: MIYU_PERSONA, ownerUserId: null };

const seededViews = (): PersonaView[] => SEEDED_PERSONAS.map((definition) => ({ definition, ownerUserId: null }));

export const viewOfRow = (row: PersonaRow): PersonaView => ({
  // The stored definition is authoritative except for the id, which was made unique on import.
  definition: { ...row.definition, id: row.id },
  ownerUserId: row.ownerUserId,
});

/** The seeded persona with this id, or an imported one owned by `userId`; null otherwise. */
export async function findPersonaFor(em: EntityManager, userId: string, personaId: string): Promise<PersonaView | null> {
  const seeded = findSeededPersona(personaId);
  if (seeded) return { definition: seeded, ownerUserId: null };
  const row = await em.findOne(PersonaEntity, { id: personaId, ownerUserId: userId });
  return row ? viewOfRow(row) : null;
}

/** Seeded personas first (MIYU, Ren), then the caller's own imports, oldest first. */
export async function listPersonas(em: EntityManager, userId: string | null): Promise<PersonaView[]> {
  if (!userId) return seededViews();
  const rows = await em.find(PersonaEntity, { ownerUserId: userId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  return [...seededViews(), ...rows.map(viewOfRow)];
}

/** Validates a Character Card (V1/V2/V3) and stores it as a persona private to `userId`. */
export async function importCharacterCard(em: EntityManager, userId: string, card: unknown): Promise<PersonaView> {
  const parsed = parseCharacterCard(card);
  if (!parsed.ok) {
    throw errors.badInput(`Invalid character card: ${parsed.issues.join('; ')}.`, { issues: parsed.issues });
  }
  if ((await em.count(PersonaEntity, { ownerUserId: userId })) >= MAX_IMPORTED_PERSONAS) {
    throw errors.conflict(`A user may import at most ${MAX_IMPORTED_PERSONAS} personas.`);
  }
  // The slug keeps ids readable; the random suffix makes them unique across users and re-imports.
  const id = `${parsed.persona.id}-${randomBytes(6).toString('hex')}`;
  const definition: PersonaDefinition = { ...parsed.persona, id };
  const row = em.create(PersonaEntity, {
    id,
    ownerUserId: userId,
    name: definition.name,
    description: definition.description,
    greeting: definition.greeting,
    definition,
  });
  await em.flush();
  return viewOfRow(row);
}
