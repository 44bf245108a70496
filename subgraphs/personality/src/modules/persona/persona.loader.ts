import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { findSeededPersona } from './miyu-persona.ts';
import { PersonaEntity } from './persona.entity.ts';
import { type PersonaView, viewOfRow } from './persona.service.ts';

/**
 * Personas by id: seeded ones from code, imported ones in one query per batch. Callers pass only
 * ids they already know the caller owns (a companion state's persona); ownership is checked there.
 */
export function createPersonaLoaders(em: EntityManager) {
  return {
    personaById: new DataLoader<string, PersonaView | null>(async (ids) => {
      const stored = ids.filter((id) => !findSeededPersona(id));
      const rows = stored.length > 0 ? await em.find(PersonaEntity, { id: { $in: stored } }) : [];
      const byId = new Map(rows.map((row) => [row.id, viewOfRow(row)]));
      return ids.map((id) => {
        const seeded = findSeededPersona(id);
        return seeded ? { definition: seeded, ownerUserId: null } : (byId.get(id) ?? null);
      });
    }),
  };
}

export type PersonaLoaders = ReturnType<typeof createPersonaLoaders>;
