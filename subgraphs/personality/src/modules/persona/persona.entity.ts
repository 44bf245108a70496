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
    name: p.string().length(200),
    description: p.text(),
    greeting: p.text(),
    definition: p.json<PersonaDefinition>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type PersonaRow = InferEntity<typeof PersonaEntity>;
