import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

export const MEMORY_KINDS = ['FACT', 'PREFERENCE', 'EVENT', 'RELATIONSHIP', 'REFLECTION'] as const;
export type MemoryKind = (typeof MEMORY_KINDS)[number];

export const MemoryEntity = defineEntity({
  name: 'Memory',
  tableName: 'memories',
  // One row per distinct (normalised) content per user: remembering it again refreshes that row.
  uniques: [{ properties: ['userId', 'contentKey'] }],
  indexes: [
    // Keyset pagination walks (user_id, created_at desc, id desc).
    { properties: ['userId', 'createdAt', 'id'] },
    // Full-text recall; queries must use the identical expression for the planner to pick it.
    {
      name: 'memories_content_fts_index',
      expression: `create index "memories_content_fts_index" on "memories" using gin (to_tsvector('english', "content"))`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    // indexed through the composite and unique indexes, whose leading column it is
    userId: p.uuid(),
    kind: p.enum(MEMORY_KINDS),
    content: p.text(),
    /** SHA-256 of the lower-cased, whitespace-collapsed content (bounded size for the unique index). */
    contentKey: p.string().length(64).hidden(),
    // double precision, read back as a JS number (MikroORM maps doubles to strings by default)
    importance: p.double().runtimeType('number').$type<number>(),
    /** The conversation message this memory was extracted from (owned by the conversation subgraph). */
    sourceMessageId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});

export type MemoryRow = InferEntity<typeof MemoryEntity>;
