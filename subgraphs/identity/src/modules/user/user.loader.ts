import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { PlatformIdentityEntity, type PlatformIdentityRow, type UserRow, UserEntity } from './user.entity.ts';

/** Batches user and identity look-ups per request (one query per list, never one per row). */
export function createUserLoaders(em: EntityManager) {
  return {
    userById: new DataLoader<string, UserRow | null>(async (ids) => {
      const users = await em.find(UserEntity, { id: { $in: [...ids] } });
      const byId = new Map(users.map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    identitiesByUser: new DataLoader<string, PlatformIdentityRow[]>(async (userIds) => {
      const rows = await em.find(PlatformIdentityEntity, { userId: { $in: [...userIds] } }, { orderBy: { createdAt: 'asc' } });
      return userIds.map((userId) => rows.filter((row) => row.userId === userId));
    }),
  };
}

export type UserLoaders = ReturnType<typeof createUserLoaders>;
