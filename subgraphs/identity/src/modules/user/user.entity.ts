import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

export const PLATFORMS = ['WEB', 'TELEGRAM', 'TWITTER', 'API'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const UserEntity = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    email: p.string().length(320).nullable().unique(),
    passwordHash: p.string().nullable().hidden(),
    /** Sealed at rest (a platform sign-in copies the username into it): text, as a sealed name outgrows 100. */
    displayName: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export const PlatformIdentityEntity = defineEntity({
  name: 'PlatformIdentity',
  tableName: 'platform_identities',
  uniques: [{ properties: ['platform', 'externalId'] }],
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    platform: p.enum(PLATFORMS),
    externalId: p.string().length(200),
    /** Sealed at rest (encrypted-columns.ts): text, as a sealed 200-character name is longer than 200. */
    username: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type UserRow = InferEntity<typeof UserEntity>;
export type PlatformIdentityRow = InferEntity<typeof PlatformIdentityEntity>;
