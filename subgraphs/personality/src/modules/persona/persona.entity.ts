import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { PersonaDefinition } from './persona.types.ts';

/**
 * Personas imported from Character Cards, private to the user who imported them. The seeded
 * personas (MIYU, Ren) are served from code, so a deploy that changes them needs no data fix.
 */
export const PersonaEntity = defineEntity({
  name: 'Persona',
  tableName: 'personas',
  properties: {
    id: p.string().length(80).primary(),
    ownerUserId: p.uuid().index(),
    /** Sealed at rest with the card's other text (encrypted-columns.ts): text, as a sealed name outgrows 200 characters. */
    name: p.text(),
    description: p.text(),
    greeting: p.text(),
    definition: p.json<PersonaDefinition>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type PersonaRow = InferEntity<typeof PersonaEntity>;
